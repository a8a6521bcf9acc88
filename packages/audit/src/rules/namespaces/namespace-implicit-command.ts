import type { KubeCommand, KubeValue } from '@kustodian/manifest-model';
import { findKubeCommands, hasFlag, parseKubeCommand } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

/** Resource type names (plural, singular, short) of namespaced kinds, by API group ('' for core and the kinds kubectl resolves without a group). */
const NAMESPACED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    '': `all pods pod po services service svc deployments deployment deploy statefulsets statefulset sts daemonsets daemonset ds
      replicasets replicaset rs jobs job cronjobs cronjob cj configmaps configmap cm secrets secret persistentvolumeclaims
      persistentvolumeclaim pvc serviceaccounts serviceaccount sa ingresses ingress ing endpoints ep endpointslices endpointslice
      events event ev roles role rolebindings rolebinding networkpolicies networkpolicy netpol poddisruptionbudgets
      poddisruptionbudget pdb horizontalpodautoscalers horizontalpodautoscaler hpa limitranges limitrange limits resourcequotas
      resourcequota quota leases lease controllerrevisions controllerrevision podtemplates podtemplate replicationcontrollers
      replicationcontroller rc
      kustomizations kustomization ks helmreleases helmrelease hr gitrepositories gitrepository helmrepositories helmrepository
      helmcharts helmchart ocirepositories ocirepository imagerepositories imagerepository imagepolicies imagepolicy
      imageupdateautomations imageupdateautomation
      certificates certificate cert certs certificaterequests certificaterequest issuers issuer
      ingressroutes ingressroute ingressroutetcps ingressroutetcp middlewares middleware
      externalsecrets externalsecret es secretstores secretstore
      servicemonitors servicemonitor podmonitors podmonitor prometheusrules prometheusrule`,
    'longhorn.io': 'volumes volume engines engine replicas replica recurringjobs recurringjob backups backup backupvolumes backupvolume snapshots snapshot instancemanagers sharemanagers backingimages systembackups settings setting nodes node',
    'postgresql.cnpg.io': 'clusters cluster backups backup scheduledbackups scheduledbackup poolers pooler',
    'source.toolkit.fluxcd.io': 'gitrepositories gitrepository helmrepositories helmrepository helmcharts helmchart ocirepositories ocirepository buckets bucket',
    'kustomize.toolkit.fluxcd.io': 'kustomizations kustomization',
    'helm.toolkit.fluxcd.io': 'helmreleases helmrelease',
    'notification.toolkit.fluxcd.io': 'alerts alert providers provider receivers receiver',
    'cert-manager.io': 'certificates certificate certificaterequests certificaterequest issuers issuer',
    'traefik.io': 'ingressroutes ingressroute middlewares middleware tlsoptions tlsstores serverstransports',
    'traefik.containo.us': 'ingressroutes ingressroute middlewares middleware tlsoptions tlsstores serverstransports',
    'external-secrets.io': 'externalsecrets externalsecret secretstores secretstore',
    'monitoring.coreos.com': 'servicemonitors servicemonitor podmonitors podmonitor prometheusrules prometheusrule prometheuses prometheus alertmanagers alertmanager',
    'apps': 'deployments deployment deploy statefulsets statefulset sts daemonsets daemonset ds replicasets replicaset rs',
    'batch': 'jobs job cronjobs cronjob cj',
  }).map(([group, names]) => [group, new Set(names.split(/\s+/).filter((n) => n !== ''))]),
);

/** `kubectl create <what>`: what lands in a namespace. */
const CREATE_NAMESPACED = new Set(['secret', 'configmap', 'cm', 'job', 'cronjob', 'cj', 'deployment', 'deploy', 'serviceaccount', 'sa', 'role', 'rolebinding', 'service', 'svc', 'ingress', 'ing', 'quota', 'resourcequota', 'poddisruptionbudget', 'pdb', 'token']);

/** Verbs that always act on a pod (or a workload's pods). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp', 'run', 'debug']);

/** Verbs whose first argument is a resource type (or type/name). */
const RESOURCE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'patch', 'label', 'annotate', 'scale', 'wait', 'top', 'autoscale', 'expose']);

/** A type argument: `pods`, `deploy/web`, `pods,svc`, `volumes.longhorn.io`. */
function namespacedType(arg: KubeValue | undefined): string | undefined {
  if (!arg || arg.dynamic) return undefined;
  const types = arg.value.toLowerCase().split('/')[0]!.split(',');
  for (const type of types) {
    const dot = type.indexOf('.');
    const name = dot < 0 ? type : type.slice(0, dot);
    const group = dot < 0 ? '' : type.slice(dot + 1).replace(/^v\d\w*\./, '');
    if (NAMESPACED.get(group)?.has(name)) return type;
  }
  return undefined;
}

/** Template text in a doc, not a name: `[POD]`, `<pod-name>`, `{namespace}`, `...`. */
const PLACEHOLDER_ARG = /^(\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\.\.\.|…)$/;

/** `<pod-name>` as a word of the line: the shell reads it as `<pod-name` then `>…`, a reader as a blank to fill. */
function hasAnglePlaceholder(command: KubeCommand): boolean {
  const r = command.command.redirects;
  return r.some((x, i) => x.operator === '<' && /^[A-Za-z][\w.-]*$/.test(x.target) && r[i + 1]?.operator === '>');
}

/** What a kubectl command acts on when that is a namespaced object; undefined when it acts on something else or cannot be told. */
function namespacedTarget(command: KubeCommand): string | undefined {
  const verb = command.verb;
  if (!verb) return undefined;
  // Objects read from files or a kustomization carry their own namespaces.
  if (hasFlag(command, '-f', '--filename', '-k', '--kustomize')) return undefined;
  if (POD_VERBS.has(verb)) {
    const target = command.args[0];
    if (verb === 'debug' && target && /^(node|nodes|no)\//.test(target.value)) return undefined;
    // `kubectl cp ns/pod:/path …` names the namespace in the argument.
    if (verb === 'cp' && command.args.some((a) => /^[^/:]+\/[^/:]+:/.test(a.value))) return undefined;
    return target && !target.dynamic ? `${verb} ${target.value}` : verb;
  }
  if (verb === 'create') {
    const what = command.args[0];
    return what && CREATE_NAMESPACED.has(what.value) ? `create ${what.value}` : undefined;
  }
  if (verb === 'rollout' || verb === 'set') {
    const type = namespacedType(command.args[1]);
    return type ? `${verb} ${command.args[0]!.value} ${command.args[1]!.value}` : undefined;
  }
  if (RESOURCE_VERBS.has(verb)) {
    const type = namespacedType(command.args[0]);
    return type ? `${verb} ${command.args[0]!.value}` : undefined;
  }
  return undefined;
}

/** A dry run sends nothing to the cluster unless it is piped into `kubectl apply -f -`, which may set the namespace itself. */
function dryRunOutcome(command: KubeCommand): 'not-dry-run' | 'stays-local' | 'applied-with-namespace' | 'applied' {
  const dryRun = command.flags.find((f) => f.name === '--dry-run');
  if (!dryRun || dryRun.value?.value === 'none' || dryRun.value?.value === 'false') return 'not-dry-run';
  const next = command.pipedInto && parseKubeCommand(command.pipedInto);
  if (next?.tool !== 'kubectl' || !['apply', 'create', 'replace'].includes(next.verb ?? '')) return 'stays-local';
  return next.namespace || next.allNamespaces ? 'applied-with-namespace' : 'applied';
}

export default defineRule({
  id: 'namespace-implicit-command',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'warning',
    summary: 'A kubectl command in a script or a Markdown code block acts on namespaced objects without saying in which namespace.',
    rationale:
      'kubectl without `-n` acts in the namespace of the current kubeconfig context, which is `default` on a fresh k3s and whatever the last `kubens` left on a workstation. A runbook step that finds no pods, a bootstrap script that creates a Secret where nothing reads it, or a `delete` that hits another app are the result. Only commands that certainly act on namespaced objects are reported: pod commands (logs, exec, port-forward, cp, run, debug), get/describe/delete/edit/patch/label/annotate/scale/wait/top/rollout/set of namespaced kinds, and `create` of namespaced kinds; not cluster-scoped kinds (nodes, namespaces, persistent volumes, storage classes, CRDs, cluster roles …), not `apply`/`delete`/`get` of files (`-f`, `-k`: the manifests carry their namespaces), not `version`, `config`, `cluster-info`, `api-resources`. A `kubectl config set-context … --namespace` or `kubens` earlier in the same script or document counts as a namespace for what follows. Inline code in prose is not read.',
    fix: 'Add `-n` with the namespace the objects live in (or `-A` for every namespace) to the command.',
    messages: {
      noNamespace: '`kubectl {{target}}` gives no namespace (-n, --namespace or -A): it acts in the current context’s namespace, usually default.',
    },
    examples: {
      invalid: [
        {
          title: 'A runbook step without -n',
          repo: { 'docs/runbook.md': '# Runbook\n\nRestart the database:\n\n```sh\nkubectl rollout restart statefulset/postgresql\n```\n' },
        },
      ],
      valid: [
        {
          title: 'The same step with its namespace, and cluster-wide commands',
          repo: { 'docs/runbook.md': '# Runbook\n\n```sh\nkubectl -n database rollout restart statefulset/postgresql\nkubectl get nodes\nkubectl apply -k clusters/home/flux-system\n```\n' },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const sources of model.text.shell()) {
      const file = sources[0]!.file;
      for (const command of findKubeCommands(sources.map((s) => s.script))) {
        if (command.tool !== 'kubectl' || command.namespace || command.allNamespaces || command.contextNamespace) continue;
        // A template line (`kubectl logs [POD]`) names no object: the reader fills in the namespace with the rest.
        if (command.args.some((a) => !a.dynamic && PLACEHOLDER_ARG.test(a.value)) || hasAnglePlaceholder(command)) continue;
        const target = namespacedTarget(command);
        if (!target) continue;
        const dryRun = dryRunOutcome(command);
        if (dryRun === 'stays-local' || dryRun === 'applied-with-namespace') continue;
        report({ messageId: 'noNamespace', data: { target }, location: { file, line: command.line, column: command.column } });
      }
    }
  },
});
