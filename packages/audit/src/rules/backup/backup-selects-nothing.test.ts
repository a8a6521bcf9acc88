import { RuleTester } from '../../testing/rule-tester.js';
import { clusterHome as cluster } from '../../testing/fixtures.js';
import rule from './backup-selects-nothing.js';

/** A RecurringJob whose `groups` items start on line 10. */
const recurringJob = (name: string, groups: readonly string[], task = 'backup') =>
  `apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: ${name}\n  namespace: longhorn-system\nspec:\n  task: ${task}\n  cron: "0 1 * * *"\n${groups.length > 0 ? `  groups:\n${groups.map((g) => `    - ${g}\n`).join('')}` : ''}  retain: 7\n  concurrency: 1\n`;

const pvc = (labels: Record<string, string>, storageClass = 'longhorn') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: database\n  labels:\n${Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}spec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ${storageClass}\n  resources:\n    requests:\n      storage: 10Gi\n`;

const storageClass = (selector: string) =>
  `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: longhorn-db\nprovisioner: driver.longhorn.io\nparameters:\n  numberOfReplicas: "2"\n  recurringJobSelector: '${selector}'\n`;

const databases = recurringJob('backup-nightly-databases', ['databases']);

new RuleTester().run(rule, {
  valid: [
    { name: 'a PVC opts into the group', repo: cluster({ 'job.yaml': databases, 'pvc.yaml': pvc({ 'recurring-job.longhorn.io/source': 'enabled', 'recurring-job-group.longhorn.io/databases': 'enabled' }) }) },
    { name: 'a StorageClass selects the group', repo: cluster({ 'job.yaml': databases, 'sc.yaml': storageClass('[{"name":"databases","isGroup":true}]') }) },
    { name: 'the default group, which Longhorn gives every volume without a recurring-job label', repo: cluster({ 'job.yaml': recurringJob('snapshot-daily', ['default'], 'snapshot') }) },
    {
      name: 'a StatefulSet volumeClaimTemplate labelled with the job name',
      repo: cluster({
        'job.yaml': databases,
        'sts.yaml':
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: postgresql\n  namespace: database\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n        labels:\n          recurring-job.longhorn.io/source: enabled\n          recurring-job.longhorn.io/backup-nightly-databases: enabled\n',
      }),
    },
    {
      name: 'the Longhorn chart default StorageClass selector in HelmRelease values',
      repo: cluster({
        'job.yaml': databases,
        'longhorn.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: longhorn\n  namespace: longhorn-system\nspec:\n  chart:\n    spec:\n      chart: longhorn\n  values:\n    persistence:\n      recurringJobSelector:\n        enable: true\n        jobList: \'[{"name":"databases","isGroup":true}]\'\n',
      }),
    },
    {
      name: 'a script that labels the volume',
      repo: { ...cluster({ 'job.yaml': databases }), 'scripts/label-volumes.sh': '#!/bin/sh\nkubectl -n database label pvc data recurring-job.longhorn.io/source=enabled recurring-job-group.longhorn.io/databases=enabled\n' },
    },
    { name: 'a system-backup job, which backs up Longhorn itself', repo: cluster({ 'job.yaml': recurringJob('system', [], 'system-backup') }) },
    { name: 'a RecurringJob that nothing applies', repo: { ...cluster({ 'pvc.yaml': pvc({}) }), 'old/job.yaml': databases } },
  ],
  invalid: [
    {
      name: 'a backup job for a group that nothing carries, at the group line',
      repo: cluster({ 'job.yaml': databases, 'pvc.yaml': pvc({ 'recurring-job.longhorn.io/source': 'enabled', 'recurring-job-group.longhorn.io/critical': 'enabled' }) }),
      findings: [
        {
          messageId: 'groupsUnselected',
          file: 'clusters/home/job.yaml',
          line: 10,
          column: 7,
          message:
            'RecurringJob longhorn-system/backup-nightly-databases backs up group databases, but no PVC label, StorageClass recurringJobSelector or volume carries that group, nor the label recurring-job.longhorn.io/backup-nightly-databases: enabled: it backs up nothing.',
        },
      ],
    },
    {
      name: 'labels switched off, a selector naming the group as a job, and one in a StorageClass nothing applies',
      repo: {
        ...cluster({
          'job.yaml': recurringJob('snap-hourly', ['hourly', 'fast'], 'snapshot'),
          'pvc.yaml': pvc({ 'recurring-job-group.longhorn.io/hourly': 'disabled' }),
          'sc.yaml': storageClass('[{"name":"fast","isGroup":false}]'),
        }),
        'old/sc.yaml': storageClass('[{"name":"hourly","isGroup":true}]'),
      },
      findings: [
        {
          messageId: 'groupsUnselected',
          file: 'clusters/home/job.yaml',
          line: 10,
          message:
            'RecurringJob longhorn-system/snap-hourly snapshots groups hourly, fast, but no PVC label, StorageClass recurringJobSelector or volume carries any of them, nor the label recurring-job.longhorn.io/snap-hourly: enabled: it snapshots nothing.',
        },
      ],
    },
    {
      name: 'a job without groups that no volume names',
      repo: cluster({ 'job.yaml': recurringJob('trim-weekly', [], 'filesystem-trim') }),
      findings: [{ messageId: 'noGroups', file: 'clusters/home/job.yaml', line: 4, message: 'RecurringJob longhorn-system/trim-weekly has no groups and no volume carries the label recurring-job.longhorn.io/trim-weekly: enabled: it trims nothing.' }],
    },
  ],
});
