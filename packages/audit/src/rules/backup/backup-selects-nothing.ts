import { isRecord, locateResourceField } from '@kustodian/manifest-model';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

const GROUP_LABEL = 'recurring-job-group.longhorn.io/';
const JOB_LABEL = 'recurring-job.longhorn.io/';

/** What volumes carry: recurring-job groups and job names, from labels and `recurringJobSelector`s anywhere. */
interface Selections {
  readonly groups: Set<string>;
  readonly jobs: Set<string>;
}

/** A `recurringJobSelector` value: `[{"name": "backup", "isGroup": true}]`. */
function addSelector(text: string, selections: Selections): void {
  if (!text.trimStart().startsWith('[') || !text.includes('isGroup')) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  if (!Array.isArray(parsed)) return;
  for (const entry of parsed) {
    if (!isRecord(entry) || typeof entry['name'] !== 'string') continue;
    (entry['isGroup'] === true ? selections.groups : selections.jobs).add(entry['name']);
  }
}

function addLabel(key: string, value: unknown, selections: Selections): void {
  if (value !== 'enabled') return;
  if (key.startsWith(GROUP_LABEL)) selections.groups.add(key.slice(GROUP_LABEL.length));
  else if (key.startsWith(JOB_LABEL) && key !== `${JOB_LABEL}source`) selections.jobs.add(key.slice(JOB_LABEL.length));
}

/**
 * Every group and job that some volume may carry: recurring-job labels with
 * value `enabled` on any applied object (PVCs, volumeClaimTemplates, Helm
 * values that label chart PVCs, Longhorn Volumes), `recurringJobSelector`
 * JSON in any string (StorageClass parameters, the Longhorn chart's default
 * StorageClass), and `kubectl label` commands in shell scripts.
 */
function collectSelections(model: RepositoryModel): Selections {
  const selections: Selections = { groups: new Set(), jobs: new Set() };
  const visit = (node: unknown): void => {
    if (typeof node === 'string') addSelector(node, selections);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        addLabel(key, value, selections);
        visit(value);
      }
    }
  };
  for (const r of model.resources) if (r.appliedBy.length > 0) visit(r.body);
  for (const file of model.files) {
    if (file.role !== 'shell') continue;
    const text = model.store.text(file.path) ?? '';
    for (const m of text.matchAll(/recurring-job(?:-group)?\.longhorn\.io\/([A-Za-z0-9._-]+)=enabled/g)) {
      addLabel(m[0].slice(0, m[0].indexOf('=')), 'enabled', selections);
    }
  }
  return selections;
}

const TASK_VERBS: Readonly<Record<string, string>> = {
  backup: 'backs up',
  'backup-force-create': 'backs up',
  snapshot: 'snapshots',
  'snapshot-force-create': 'snapshots',
  'snapshot-cleanup': 'cleans up',
  'snapshot-delete': 'cleans up',
  'filesystem-trim': 'trims',
};

export default defineRule({
  id: 'backup-selects-nothing',
  meta: {
    category: 'backup',
    defaultSeverity: 'warning',
    summary: 'A Longhorn RecurringJob runs for groups that no volume carries, so it backs up (or snapshots) nothing.',
    rationale:
      'Longhorn runs a RecurringJob on the volumes that carry one of its `groups` or its own name: PVC labels recurring-job-group.longhorn.io/<group>: enabled and recurring-job.longhorn.io/<job>: enabled, a StorageClass `recurringJobSelector`, and the `default` group, which every volume without a recurring-job label gets. A job whose groups nobody carries runs on schedule, reports no error and backs up nothing: the backup everyone counts on does not exist. Labels and selectors are looked for on every applied object (PVCs, volumeClaimTemplates, Helm values, StorageClasses) and in `kubectl label` commands of scripts.',
    fix: 'Label the volumes that need the job (recurring-job-group.longhorn.io/<group>: enabled, with `recurring-job.longhorn.io/source: enabled` on the PVC, or a StorageClass `recurringJobSelector`), put the job in a group that volumes carry (such as `default`), or delete the job.',
    messages: {
      groupsUnselected: 'RecurringJob {{name}} {{verb}} {{groups}}, but no PVC label, StorageClass recurringJobSelector or volume carries {{that}}, nor the label {{jobLabel}}: it {{verb}} nothing.',
      noGroups: 'RecurringJob {{name}} has no groups and no volume carries the label {{jobLabel}}: it {{verb}} nothing.',
    },
    examples: {
      invalid: [
        {
          title: 'A backup job for a group that no PVC opts into',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - recurring-jobs.yaml\n',
            'clusters/home/recurring-jobs.yaml':
              'apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: backup-nightly-databases\n  namespace: longhorn-system\nspec:\n  task: backup\n  cron: "0 1 * * *"\n  groups:\n    - databases\n  retain: 7\n  concurrency: 1\n',
          },
        },
      ],
      valid: [
        {
          title: 'A PVC opts into the group',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - recurring-jobs.yaml\n  - pvc.yaml\n',
            'clusters/home/recurring-jobs.yaml':
              'apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: backup-nightly-databases\n  namespace: longhorn-system\nspec:\n  task: backup\n  cron: "0 1 * * *"\n  groups:\n    - databases\n  retain: 7\n  concurrency: 1\n',
            'clusters/home/pvc.yaml':
              'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: database\n  labels:\n    recurring-job.longhorn.io/source: enabled\n    recurring-job-group.longhorn.io/databases: enabled\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: longhorn\n  resources:\n    requests:\n      storage: 10Gi\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    let selections: Selections | undefined;
    for (const r of model.resources) {
      if (r.id.group !== 'longhorn.io' || r.kind !== 'RecurringJob' || r.appliedBy.length === 0) continue;
      const spec = isRecord(r.body['spec']) ? r.body['spec'] : {};
      const task = typeof spec['task'] === 'string' ? spec['task'] : 'backup';
      if (task === 'system-backup') continue; // backs up Longhorn itself, not volumes
      const groups = (Array.isArray(spec['groups']) ? spec['groups'] : []).filter((g): g is string => typeof g === 'string' && g !== '');
      if (groups.includes('default')) continue;
      selections ??= collectSelections(model);
      if (selections.jobs.has(r.name) || groups.some((g) => selections!.groups.has(g))) continue;
      const data = { name: `${r.namespace}/${r.name}`, verb: TASK_VERBS[task] ?? 'runs on', jobLabel: `${JOB_LABEL}${r.name}: enabled` };
      if (groups.length === 0) {
        report({ messageId: 'noGroups', data, location: locateResourceField(r, ['metadata', 'name']), resource: r });
      } else {
        const that = groups.length === 1 ? 'that group' : 'any of them';
        report({ messageId: 'groupsUnselected', data: { ...data, groups: `${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}`, that }, location: locateResourceField(r, ['spec', 'groups', 0]), resource: r });
      }
    }
  },
});
