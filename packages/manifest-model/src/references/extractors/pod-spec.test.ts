import { describe, expect, it } from 'vitest';
import { podSpecExtractor } from './pod-spec.js';
import { resolveExtractContext } from './extractor.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(podSpecExtractor.extract(resourceFromYaml(yaml, { file: 'apps/app/workload.yaml' }), resolveExtractContext()));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: apps
spec:
  template:
    spec:
      serviceAccountName: app-runner
      imagePullSecrets:
        - name: registry
      initContainers:
        - name: migrate
          envFrom:
            - configMapRef:
                name: app-config
            - secretRef:
                name: db-creds
                optional: true
      containers:
        - name: app
          env:
            - name: PLAIN
              value: "x"
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: app-token
                  key: token
            - name: LEVEL
              valueFrom:
                configMapKeyRef:
                  name: app-config
                  key: level
                  optional: true
      volumes:
        - name: tls
          secret:
            secretName: app-tls
        - name: conf
          configMap:
            name: app-files
        - name: all
          projected:
            sources:
              - secret:
                  name: extra
                  optional: true
              - configMap:
                  name: extra-conf
              - serviceAccountToken:
                  path: token
        - name: data
          persistentVolumeClaim:
            claimName: app-data
        - name: scratch
          emptyDir: {}
`;

describe('pod-spec extractor', () => {
  it('finds every Secret, ConfigMap, claim and ServiceAccount of a Deployment, at the field line', () => {
    expect(extract(DEPLOYMENT)).toEqual([
      'pod-spec ConfigMap apps/app-config spec.template.spec.initContainers[0].envFrom[0].configMapRef.name L16',
      'pod-spec Secret apps/db-creds spec.template.spec.initContainers[0].envFrom[1].secretRef.name L18 optional',
      'pod-spec Secret apps/app-token spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name L28 [token]',
      'pod-spec ConfigMap apps/app-config spec.template.spec.containers[0].env[2].valueFrom.configMapKeyRef.name L33 optional [level]',
      'pod-spec Secret apps/app-tls spec.template.spec.volumes[0].secret.secretName L39',
      'pod-spec ConfigMap apps/app-files spec.template.spec.volumes[1].configMap.name L42',
      'pod-spec Secret apps/extra spec.template.spec.volumes[2].projected.sources[0].secret.name L47 optional',
      'pod-spec ConfigMap apps/extra-conf spec.template.spec.volumes[2].projected.sources[1].configMap.name L50',
      'persistent-volume-claim PersistentVolumeClaim apps/app-data spec.template.spec.volumes[3].persistentVolumeClaim.claimName L55',
      'pod-spec Secret apps/registry spec.template.spec.imagePullSecrets[0].name L11',
      'service-account ServiceAccount apps/app-runner spec.template.spec.serviceAccountName L9',
    ]);
  });

  it('reads the pod template of a CronJob, in the implicit default namespace', () => {
    const yaml = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: restic
              envFrom:
                - secretRef:
                    name: restic-creds
`;
    expect(extract(yaml)).toEqual(['pod-spec Secret default/restic-creds spec.jobTemplate.spec.template.spec.containers[0].envFrom[0].secretRef.name L14']);
  });

  it.each([
    ['Pod', 'v1', 'spec'],
    ['StatefulSet', 'apps/v1', 'spec.template.spec'],
    ['DaemonSet', 'apps/v1', 'spec.template.spec'],
    ['ReplicaSet', 'apps/v1', 'spec.template.spec'],
    ['Job', 'batch/v1', 'spec.template.spec'],
    ['ReplicationController', 'v1', 'spec.template.spec'],
    ['Rollout', 'argoproj.io/v1alpha1', 'spec.template.spec'],
  ])('reads the pod spec of a %s at %s', (kind, apiVersion, specPath) => {
    const indent = (n: number) => ' '.repeat(n);
    const depth = specPath.split('.').length;
    const lines = [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: w', '  namespace: ns'];
    specPath.split('.').forEach((key, i) => lines.push(`${indent(i * 2)}${key}:`));
    lines.push(`${indent(depth * 2)}imagePullSecrets:`, `${indent(depth * 2)}  - name: pull`);
    expect(extract(lines.join('\n') + '\n')).toEqual([`pod-spec Secret ns/pull ${specPath}.imagePullSecrets[0].name L${7 + depth}`]);
  });

  it('finds the ephemeral containers too', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ns }
spec:
  ephemeralContainers:
    - name: debug
      envFrom:
        - secretRef: { name: debug-creds }
`;
    expect(extract(yaml)).toEqual(['pod-spec Secret ns/debug-creds spec.ephemeralContainers[0].envFrom[0].secretRef.name L8']);
  });

  it('makes no reference for the default ServiceAccount, other env sources, unexpanded variables or non-workload kinds', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ns }
spec:
  serviceAccountName: default
  containers:
    - name: c
      env:
        - name: NODE
          valueFrom:
            fieldRef: { fieldPath: spec.nodeName }
        - name: S
          valueFrom:
            secretKeyRef: { name: "\${SECRET_NAME}", key: k }
`;
    expect(extract(pod)).toEqual([]);
    const service = `apiVersion: v1
kind: Service
metadata: { name: s, namespace: ns }
spec:
  template:
    spec:
      imagePullSecrets: [{ name: pull }]
`;
    expect(extract(service)).toEqual([]);
    const volcanoJob = `apiVersion: batch.volcano.sh/v1alpha1
kind: Job
metadata: { name: j, namespace: ns }
spec:
  template:
    spec:
      imagePullSecrets: [{ name: pull }]
`;
    expect(extract(volcanoJob)).toEqual([]);
  });
});
