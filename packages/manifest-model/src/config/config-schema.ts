/**
 * The JSON Schema of kustodian.yaml. The rules section is built from the
 * rules a caller names (the audit engine passes its rules), described here
 * without the engine's types: the model does not know the rules.
 */
import type { DiagnosticSeverity } from '../diagnostic.js';
import { SEVERITY_SETTINGS } from './kustodian-config.js';

/** A JSON Schema (draft-07), as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** What the schema needs to know of one rule that `rules:` may configure. */
export interface ConfigurableRule {
  readonly id: string;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  readonly defaultSeverity: DiagnosticSeverity;
  /** The schema of its `options`; undefined: it takes none. */
  readonly optionsSchema?: JsonSchema | undefined;
}

/** `$id` of the published schema (kustodian.schema.json at the repository root). */
export const CONFIG_SCHEMA_ID = 'https://github.com/kustodian/kustodian/raw/main/kustodian.schema.json';

const stringList = (description: string): JsonSchema => ({
  description,
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
});

const severitySetting: JsonSchema = {
  description: 'off turns the rule off; otherwise the severity its findings get.',
  enum: [...SEVERITY_SETTINGS],
};

function ruleSettingSchema(rule: ConfigurableRule): JsonSchema {
  const options: JsonSchema = rule.optionsSchema ?? {
    description: 'This rule takes no options.',
    type: 'object',
    additionalProperties: false,
  };
  return {
    description: `${rule.summary} Default: ${rule.defaultSeverity}.`,
    oneOf: [
      severitySetting,
      {
        type: 'object',
        additionalProperties: false,
        properties: { severity: severitySetting, options },
      },
    ],
  };
}

/**
 * The JSON Schema (draft-07) of kustodian.yaml, with one entry under `rules`
 * for each rule given (the published file lists every built-in rule).
 */
export function buildConfigSchema(rules: readonly ConfigurableRule[]): JsonSchema {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'kustodian.yaml',
    description: 'Configuration of Kustodian for one GitOps repository. Every key is optional.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { description: 'The schema of this file, for editors.', type: 'string' },
      entryPoints: {
        ...stringList('Folders Flux starts from, relative to the repository root (e.g. clusters/home). Found automatically when left out.'),
        minItems: 1,
      },
      ignore: stringList('gitignore-style patterns of files and folders to leave out of the audit.'),
      namespaces: {
        description: 'Namespace policy.',
        type: 'object',
        additionalProperties: false,
        properties: {
          retired: stringList('Namespaces that no longer exist: nothing may refer to them.'),
          forbidden: stringList('Namespaces nothing may be deployed to.'),
          known: stringList('Namespaces created outside git (by k3s, a Helm chart, bootstrap).'),
        },
      },
      secrets: {
        description: 'Secret policy.',
        type: 'object',
        additionalProperties: false,
        properties: {
          external: {
            description: 'Secrets created outside git; references to them are not dangling.',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'namespace', 'createdBy'],
              properties: {
                name: { type: 'string', minLength: 1 },
                namespace: { type: 'string', minLength: 1 },
                createdBy: { description: 'What creates it.', enum: ['helm-chart', 'controller', 'bootstrap', 'manual'] },
                note: { type: 'string' },
              },
            },
          },
          producers: {
            description:
              'Custom resources and Helm charts that make an operator write Secrets, besides those Kustodian knows: the Secrets they name are defined. Templates: {name}, {namespace}, {spec.field}, {spec.list[].field}, {spec.map.*}, {a ?? b}.',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['secrets'],
              oneOf: [
                { required: ['resource'], properties: { resource: true } },
                { required: ['chart'], properties: { chart: true } },
              ],
              properties: {
                resource: { description: 'group/Kind of the custom resource (e.g. example.com/Database), or * for any kind.', type: 'string', minLength: 1 },
                chart: { description: 'The Helm chart whose release makes the Secrets, in the release\'s namespace.', type: 'string', minLength: 1 },
                secrets: { ...stringList('Name templates of the Secrets written (e.g. {name}-credentials).'), minItems: 1 },
                namespace: { description: 'The namespace they are written in, as a template. Default: the resource\'s.', type: 'string' },
                docs: { type: 'string' },
              },
            },
          },
        },
      },
      sources: {
        description: 'Flux sources that are this repository, besides those found from the bootstrap source, the git remotes, OCI artifacts the repository pushes and FluxInstances.',
        type: 'object',
        additionalProperties: false,
        properties: {
          self: stringList('Sources that are this repository, as namespace/name or Kind/namespace/name (e.g. flux-system/home-cluster): the Flux Kustomizations that apply them are followed from the repository root.'),
          paths: {
            description: 'Where a source\'s artifact is, as namespace/name (or Kind/namespace/name) → a folder relative to the repository root: one of this repository (e.g. { flux-system/platform: platform/ }) or another checkout (../platform-repo), read as .sources/<namespace>/<name>.',
            type: 'object',
            additionalProperties: { type: 'string' },
          },
        },
      },
      backup: {
        description: 'Backup policy (read by the backup rules). Selectors are namespace/name globs over PersistentVolumeClaims and workloads.',
        type: 'object',
        additionalProperties: false,
        properties: {
          critical: stringList('Volumes or workloads that must be backed up (e.g. databases/*). Default: the databases the chart catalogue knows.'),
          never: stringList('Volumes or workloads that must not be backed up (e.g. registry/*, monitoring/prometheus-*).'),
          maxAge: {
            description: 'The oldest a backup may be, per mechanism or volume selector (default: every one), e.g. { default: 26h, databases/*: 8h }.',
            type: 'object',
            additionalProperties: { type: 'string', pattern: '^[1-9][0-9]*(m|h|d|w)$' },
          },
          destinations: stringList('Where backups are meant to go (e.g. s3://backups/cluster, nfs://nas/backups).'),
        },
      },
      docs: {
        description: 'Settings of the generated docs.',
        type: 'object',
        additionalProperties: false,
        properties: {
          roots: {
            ...stringList(
              'Folders that get a generated README.md, as globs relative to the repository root (e.g. platform/*, kubernetes/apps/*/*): each matching folder that a Flux Kustomization applies. Default: the direct sub-folders of applications/, apps/, infra/, infrastructure/, platform/, services/, system/ and tenants/, kubernetes/apps/*/* and cluster/apps/*/*, and the other folders Flux Kustomizations apply.',
            ),
            minItems: 1,
          },
        },
      },
      limits: {
        description: 'How far a hostile or broken repository is read: beyond a limit, a located diagnostic, and the rest is still read.',
        type: 'object',
        additionalProperties: false,
        properties: {
          maxFileBytes: { description: 'Largest YAML file parsed (and SOPS file read by kustodian secrets), in bytes. Default: 8388608 (8 MiB).', type: 'integer', minimum: 1024, maximum: 1073741824 },
          kustomizeDepth: { description: 'Most kustomizations in one chain of resources/components. Default: 200.', type: 'integer', minimum: 1, maximum: 10000 },
          aliasExpansion: { description: 'How much larger than its own nodes a YAML document may grow by expanding its aliases (an alias bomb beyond). Default: 10.', type: 'number', minimum: 1, maximum: 1000 },
        },
      },
      rules: {
        description: 'Per-rule severity (off, info, warning, error) or { severity, options }.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(sorted.map((rule) => [rule.id, ruleSettingSchema(rule)])),
      },
    },
  };
}
