import { mergeMapAt } from '../field-path.js';
import type { LabelsEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';
import { groupOfObject, kindOf } from '../working-object.js';

/** Where a label or annotation goes: a kind (any group when `group` is undefined), a path, and whether to create it. */
interface FieldSpec {
  readonly kind?: string;
  readonly group?: string;
  readonly path: readonly string[];
  readonly create: boolean;
}

const TEMPLATE = ['spec', 'template', 'metadata'];
const JOB_TEMPLATE = ['spec', 'jobTemplate', 'metadata'];
const CRON_POD_TEMPLATE = ['spec', 'jobTemplate', 'spec', 'template', 'metadata'];

/** Pod templates of the built-in workload kinds (custom kinds' templates are left alone). */
function templateSpecs(field: 'labels' | 'annotations'): FieldSpec[] {
  return [
    { kind: 'ReplicationController', group: '', path: [...TEMPLATE, field], create: true },
    { kind: 'Deployment', path: [...TEMPLATE, field], create: true },
    { kind: 'ReplicaSet', path: [...TEMPLATE, field], create: true },
    { kind: 'DaemonSet', path: [...TEMPLATE, field], create: true },
    { kind: 'StatefulSet', group: 'apps', path: [...TEMPLATE, field], create: true },
    { kind: 'Job', group: 'batch', path: [...TEMPLATE, field], create: true },
    { kind: 'CronJob', group: 'batch', path: [...JOB_TEMPLATE, field], create: true },
    { kind: 'CronJob', group: 'batch', path: [...CRON_POD_TEMPLATE, field], create: true },
  ];
}

const AFFINITY_SELECTORS: readonly (readonly string[])[] = [
  ['podAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 'podAffinityTerm'],
  ['podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
  ['podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 'podAffinityTerm'],
  ['podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
].map((p) => ['spec', 'template', 'spec', 'affinity', ...p, 'labelSelector', 'matchLabels']);

const SELECTOR_SPECS: readonly FieldSpec[] = [
  { kind: 'Service', group: '', path: ['spec', 'selector'], create: true },
  { kind: 'ReplicationController', group: '', path: ['spec', 'selector'], create: true },
  { kind: 'Deployment', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'ReplicaSet', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'DaemonSet', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'StatefulSet', group: 'apps', path: ['spec', 'selector', 'matchLabels'], create: true },
  ...['Deployment', 'StatefulSet'].flatMap((kind) =>
    [...AFFINITY_SELECTORS, ['spec', 'template', 'spec', 'topologySpreadConstraints', 'labelSelector', 'matchLabels']].map((path) => ({ kind, group: 'apps', path, create: false })),
  ),
  { kind: 'Job', group: 'batch', path: ['spec', 'selector', 'matchLabels'], create: false },
  { kind: 'CronJob', group: 'batch', path: ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], create: false },
  { kind: 'PodDisruptionBudget', group: 'policy', path: ['spec', 'selector', 'matchLabels'], create: false },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', path: ['spec', 'podSelector', 'matchLabels'], create: false },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', path: ['spec', 'ingress', 'from', 'podSelector', 'matchLabels'], create: false },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', path: ['spec', 'egress', 'to', 'podSelector', 'matchLabels'], create: false },
];

const METADATA_LABELS: FieldSpec = { path: ['metadata', 'labels'], create: true };
const TEMPLATE_LABELS: readonly FieldSpec[] = [...templateSpecs('labels'), { kind: 'StatefulSet', group: 'apps', path: ['spec', 'volumeClaimTemplates', 'metadata', 'labels'], create: true }];
const ALL_LABELS: readonly FieldSpec[] = [METADATA_LABELS, ...SELECTOR_SPECS, ...TEMPLATE_LABELS];
const ANNOTATIONS: readonly FieldSpec[] = [{ path: ['metadata', 'annotations'], create: true }, ...templateSpecs('annotations')];

function applySpecs(objects: readonly WorkingObject[], specs: readonly FieldSpec[], entries: Readonly<Record<string, string>>): void {
  if (Object.keys(entries).length === 0) return;
  for (const obj of objects) {
    const kind = kindOf(obj);
    const group = groupOfObject(obj);
    for (const spec of specs) {
      if (spec.kind !== undefined && spec.kind !== kind) continue;
      if (spec.group !== undefined && spec.group !== group) continue;
      mergeMapAt(obj.body, spec.path, spec.create, entries);
    }
  }
}

/** `commonLabels`: metadata, selectors and pod templates. */
export function applyCommonLabels(objects: readonly WorkingObject[], labels: Readonly<Record<string, string>>): void {
  applySpecs(objects, ALL_LABELS, labels);
}

/** One `labels:` entry: metadata always; selectors and templates with includeSelectors; templates with includeTemplates. */
export function applyLabelsEntry(objects: readonly WorkingObject[], entry: Pick<LabelsEntry, 'pairs' | 'includeSelectors' | 'includeTemplates'>): void {
  const specs = entry.includeSelectors ? ALL_LABELS : entry.includeTemplates ? [METADATA_LABELS, ...TEMPLATE_LABELS] : [METADATA_LABELS];
  applySpecs(objects, specs, entry.pairs);
}

/** `commonAnnotations`: metadata and pod templates. */
export function applyCommonAnnotations(objects: readonly WorkingObject[], annotations: Readonly<Record<string, string>>): void {
  applySpecs(objects, ANNOTATIONS, annotations);
}
