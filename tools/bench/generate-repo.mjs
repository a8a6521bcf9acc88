#!/usr/bin/env node
// Writes a synthetic Flux GitOps repository of N applications, the same for
// the same --apps and --seed. Each application is a kustomize unit of eleven
// objects applied by its own Flux Kustomization.
//
//   node tools/bench/generate-repo.mjs --apps 2000 --out /tmp/bench-repo [--seed 1]
//   node tools/bench/generate-repo.mjs --verify
//
// --verify generates 5 applications twice (the two trees must be identical)
// and builds every kustomize unit with `kubectl kustomize`, checking the
// objects it prints against what the generator says it wrote.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const CLUSTER = 'bench';
const DOMAIN = 'bench.example.internal';
const IMAGES = ['nginx', 'ghcr.io/example/api', 'ghcr.io/example/worker', 'redis', 'grafana/grafana', 'ghcr.io/example/frontend'];
const PORTS = [80, 3000, 8080, 9000, 5000];

/** A small seeded generator (mulberry32): the same seed gives the same repository. */
export function randomSource(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    hex: (length) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

export function appName(index, apps) {
  return `app-${String(index).padStart(String(apps - 1).length, '0')}`;
}

/** The files of one application folder, and the objects `kubectl kustomize` prints for it. */
function applicationFiles(name, index, rng) {
  const port = rng.pick(PORTS);
  const image = `${rng.pick(IMAGES)}:1.${rng.int(0, 30)}.${rng.int(0, 9)}`;
  const replicas = rng.int(1, 3);
  const envCount = rng.int(2, 8);
  const configLines = rng.int(3, 12);
  const storage = `${rng.int(1, 20)}Gi`;
  // Every third application patches with JSON 6902, the others with a strategic merge patch.
  const useJsonPatch = index % 3 === 1;
  const env = Array.from({ length: envCount }, (_, i) => `            - name: SETTING_${i}\n              value: "${rng.hex(8)}"`).join('\n');
  const config = Array.from({ length: configLines }, (_, i) => `  key-${i}: "${rng.hex(12)}"`).join('\n');
  const literals = Array.from({ length: rng.int(2, 5) }, (_, i) => `      - OPTION_${i}=${rng.hex(6)}`).join('\n');

  const files = {
    'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/instance: \${APP_NAME}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: main
          image: ${image}
          ports:
            - name: http
              containerPort: ${port}
          env:
${env}
          envFrom:
            - configMapRef:
                name: ${name}-settings
            - secretRef:
                name: ${name}-credentials
          volumeMounts:
            - name: data
              mountPath: /data
            - name: config
              mountPath: /etc/${name}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: ${name}-data
        - name: config
          configMap:
            name: ${name}-config
`,
    'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
      targetPort: ${port}
`,
    'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
${config}
`,
    'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: ${name}-credentials
type: Opaque
stringData:
  username: ${name}
  password: bench-${rng.hex(24)}
`,
    'pvc.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: longhorn
  resources:
    requests:
      storage: ${storage}
`,
    'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: websecure
spec:
  ingressClassName: traefik
  rules:
    - host: \${APP_NAME}.\${CLUSTER_DOMAIN}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
  tls:
    - hosts:
        - \${APP_NAME}.\${CLUSTER_DOMAIN}
      secretName: ${name}-tls
`,
    'service-account.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
`,
    'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
rules:
  - apiGroups: [""]
    resources: [configmaps, secrets]
    resourceNames: [${name}-config, ${name}-credentials]
    verbs: [get, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${name}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${name}
subjects:
  - kind: ServiceAccount
    name: ${name}
`,
    'hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: ${replicas}
  maxReplicas: ${replicas + rng.int(1, 5)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: ${rng.int(50, 90)}
`,
  };
  const patch = useJsonPatch
    ? `  - target:
      kind: Deployment
      name: ${name}
    patch: |-
      - op: add
        path: /spec/template/metadata/annotations
        value:
          bench.kustodian.dev/patched: "json6902"
`
    : `  - path: deployment-patch.yaml
`;
  if (!useJsonPatch) {
    files['deployment-patch.yaml'] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    metadata:
      annotations:
        bench.kustodian.dev/patched: "strategic-merge"
    spec:
      containers:
        - name: main
          resources:
            requests:
              cpu: ${rng.int(10, 500)}m
              memory: ${rng.int(32, 512)}Mi
`;
  }
  files['kustomization.yaml'] = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${name}
commonLabels:
  app.kubernetes.io/name: ${name}
  app.kubernetes.io/part-of: ${CLUSTER}
resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
  - secret.yaml
  - pvc.yaml
  - ingress.yaml
  - service-account.yaml
  - rbac.yaml
  - hpa.yaml
patches:
${patch}configMapGenerator:
  - name: ${name}-settings
    literals:
${literals}
`;
  const objects = [
    ['Deployment', name],
    ['Service', name],
    ['ConfigMap', `${name}-config`],
    ['Secret', `${name}-credentials`],
    ['PersistentVolumeClaim', `${name}-data`],
    ['Ingress', name],
    ['ServiceAccount', name],
    ['Role', name],
    ['RoleBinding', name],
    ['HorizontalPodAutoscaler', name],
    ['ConfigMap', `${name}-settings`],
  ].map(([kind, objectName]) => ({ kind, namespace: name, name: objectName, hashed: objectName === `${name}-settings` }));
  return { files, objects, patched: useJsonPatch ? 'json6902' : 'strategic-merge' };
}

function fluxKustomization(name, dependsOn, rng) {
  const depends = dependsOn ? `  dependsOn:\n    - name: ${dependsOn}\n` : '';
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: ${rng.pick(['5m', '10m', '30m', '1h'])}
  path: ./apps/${name}
  prune: true
  wait: ${rng.next() < 0.5}
  sourceRef:
    kind: GitRepository
    name: flux-system
  targetNamespace: ${name}
${depends}  postBuild:
    substitute:
      APP_NAME: ${name}
      CLUSTER_DOMAIN: ${DOMAIN}
`;
}

const GOTK_SYNC = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ssh://git@git.example.internal/ops/${CLUSTER}.git
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/${CLUSTER}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

/**
 * Write the repository below `root` (created if needed).
 * @returns {{ root: string, files: number, resources: number, units: { path: string, objects: { kind: string, namespace: string, name: string, hashed: boolean }[], patched?: string }[] }}
 *   `units` are the kustomize folders with the objects `kubectl kustomize` prints for each
 *   (a `hashed` name gets a content-hash suffix); `resources` counts every object of the repository.
 */
export function generateRepository(root, { apps = 2000, seed = 1 } = {}) {
  if (!Number.isInteger(apps) || apps < 1) throw new RangeError(`--apps must be a positive integer, not ${apps}`);
  const rng = randomSource(seed);
  let files = 0;
  const write = (path, content) => {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    files++;
  };
  const clusterDir = `clusters/${CLUSTER}`;
  write(`${clusterDir}/flux-system/gotk-sync.yaml`, GOTK_SYNC);
  write(`${clusterDir}/flux-system/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n');
  const units = [
    {
      path: `${clusterDir}/flux-system`,
      objects: [
        { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system', hashed: false },
        { kind: 'Kustomization', namespace: 'flux-system', name: 'flux-system', hashed: false },
      ],
    },
  ];
  const fluxObjects = [];
  const names = Array.from({ length: apps }, (_, i) => appName(i, apps));
  for (const [i, name] of names.entries()) {
    const app = applicationFiles(name, i, rng);
    for (const [file, content] of Object.entries(app.files)) write(`apps/${name}/${file}`, content);
    units.push({ path: `apps/${name}`, objects: app.objects, patched: app.patched });
    const dependsOn = i > 0 && rng.next() < 0.1 ? names[rng.int(0, i - 1)] : undefined;
    write(`${clusterDir}/apps/${name}.yaml`, fluxKustomization(name, dependsOn, rng));
    fluxObjects.push({ kind: 'Kustomization', namespace: 'flux-system', name, hashed: false });
  }
  write(
    `${clusterDir}/apps/kustomization.yaml`,
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${names.map((n) => `  - ${n}.yaml\n`).join('')}`,
  );
  units.push({ path: `${clusterDir}/apps`, objects: fluxObjects });
  write('README.md', `# ${CLUSTER}\n\nA synthetic Flux repository of ${apps} applications (seed ${seed}), for benchmarks.\n`);
  const resources = units.reduce((sum, unit) => sum + unit.objects.length, 0);
  return { root, files, resources, units };
}

/** Hash of every file below `root` (paths and bytes), to compare two generated trees. */
function treeDigest(root) {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) visit(abs);
      else hash.update(`${relative(root, abs)}\0`).update(readFileSync(abs)).update('\0');
    }
  };
  visit(root);
  return hash.digest('hex');
}

/** True when `kubectl` runs. */
export function hasKubectl() {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** Problems between what `kubectl kustomize` printed for a unit and what the generator wrote; empty when they agree. */
function compareBuild(unit, output) {
  const problems = [];
  const built = parseAllDocuments(output).map((doc) => doc.toJS());
  const key = (o) => `${o.kind} ${o.namespace ?? ''}/${o.name}`;
  const hashedName = new Map(unit.objects.filter((o) => o.hashed).map((o) => [o.name, new RegExp(`^${o.name}-[a-z0-9]{10}$`)]));
  const got = [];
  const renamed = new Map();
  for (const obj of built) {
    let name = obj.metadata?.name;
    for (const [base, pattern] of hashedName) {
      if (pattern.test(name)) {
        renamed.set(base, name);
        name = base;
      }
    }
    got.push(key({ kind: obj.kind, namespace: obj.metadata?.namespace, name }));
  }
  const want = unit.objects.map(key);
  const missing = want.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !want.includes(k));
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  if (extra.length) problems.push(`unexpected ${extra.join(', ')}`);
  if (unit.patched) {
    const deployment = built.find((o) => o.kind === 'Deployment');
    const name = deployment?.metadata?.name;
    if (deployment?.spec?.template?.metadata?.annotations?.['bench.kustodian.dev/patched'] !== unit.patched) {
      problems.push(`the ${unit.patched} patch did not reach Deployment ${name}`);
    }
    if (deployment?.spec?.selector?.matchLabels?.['app.kubernetes.io/name'] !== name) problems.push('commonLabels did not reach the Deployment selector');
    const settings = renamed.get(`${name}-settings`);
    const refs = (deployment?.spec?.template?.spec?.containers?.[0]?.envFrom ?? []).map((e) => e.configMapRef?.name).filter(Boolean);
    if (!settings || !refs.includes(settings)) problems.push(`the Deployment does not refer to the generated ConfigMap by its hashed name (${refs.join(', ')})`);
  }
  return problems;
}

/** Generate 5 applications twice, compare the trees, and build every unit with kubectl. Returns the number of failures. */
export function verify() {
  const apps = 5;
  const work = mkdtempSync(join(tmpdir(), 'kustodian-bench-verify-'));
  let failures = 0;
  try {
    const summary = generateRepository(join(work, 'a'), { apps, seed: 7 });
    generateRepository(join(work, 'b'), { apps, seed: 7 });
    generateRepository(join(work, 'c'), { apps, seed: 8 });
    const [a, b, c] = ['a', 'b', 'c'].map((d) => treeDigest(join(work, d)));
    if (a === b) console.log(`ok   same seed, same tree (${summary.files} files, ${summary.resources} objects)`);
    else {
      console.log('FAIL the same seed gave two different trees');
      failures++;
    }
    if (a !== c) console.log('ok   another seed, another tree');
    else {
      console.log('FAIL another seed gave the same tree');
      failures++;
    }
    if (!hasKubectl()) {
      console.log('SKIP kubectl is not on PATH: the units were not built with `kubectl kustomize`');
      return failures;
    }
    for (const unit of summary.units) {
      let output;
      try {
        output = execFileSync('kubectl', ['kustomize', join(summary.root, unit.path)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      } catch (error) {
        console.log(`FAIL ${unit.path}: kubectl kustomize failed: ${String(error.stderr ?? error.message).trim()}`);
        failures++;
        continue;
      }
      const problems = compareBuild(unit, output);
      if (problems.length === 0) console.log(`ok   ${unit.path}: kubectl kustomize builds the ${unit.objects.length} objects expected`);
      else {
        console.log(`FAIL ${unit.path}: ${problems.join('; ')}`);
        failures++;
      }
    }
    return failures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      apps: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      verify: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.verify && !values.out)) {
    console.log('usage: node tools/bench/generate-repo.mjs --out DIR [--apps N] [--seed S]\n       node tools/bench/generate-repo.mjs --verify');
    process.exit(values.help ? 0 : 2);
  }
  if (values.verify) {
    const failures = verify();
    console.log(failures === 0 ? 'verify: ok' : `verify: ${failures} failure(s)`);
    process.exit(failures === 0 ? 0 : 1);
  }
  if (existsSync(values.out) && readdirSync(values.out).length > 0) {
    console.error(`${values.out} is not empty; choose an empty or new folder`);
    process.exit(2);
  }
  const summary = generateRepository(values.out, { apps: Number(values.apps), seed: Number(values.seed) });
  console.log(`wrote ${summary.files} files, ${summary.resources} objects in ${summary.units.length} kustomize units to ${values.out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
