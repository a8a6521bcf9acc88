import { ConfigError, modelOptions } from '@kustodian/manifest-model';
import { allRules, readAuditConfig } from '@kustodian/audit';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { describeResource, formatLocation, loadRepository, modelToJson, NodeFileSystem } from '@kustodian/manifest-model';
import { parseCommandArgs, UsageError } from '../args.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { repositoryOf } from '../repository.js';

export const MODEL_HELP = `Usage: kustodian model [--repo DIR | DIR] [--format text|json]

Print the model of a Flux GitOps repository (default: the current directory):
entry points, the Flux tree and what each Flux Kustomization applies, resources
per namespace with where their namespace comes from, files nothing applies, and
diagnostics with file:line. It reads kustodian.yaml as the audit does.
`;

export const MODEL_FORMATS = ['text', 'json'] as const;

export const MODEL_OPTIONS = { repo: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } as const;

export function runModel(argv: readonly string[], io: Output): number {
  const { values, positionals } = parseCommandArgs('kustodian model', argv, MODEL_OPTIONS, { maxPositionals: 1 });
  if (values.help) {
    io.out(MODEL_HELP);
    return EXIT.ok;
  }
  if (!(MODEL_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`kustodian model: unknown --format ${values.format}; use text or json`);
  const repo = repositoryOf('kustodian model', values.repo, positionals[0]);
  const fs = new NodeFileSystem(repo.path);
  let config;
  try {
    config = readAuditConfig(fs, { rules: allRules });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`kustodian model: ${error.message}`);
    throw error;
  }
  // The same files and entry points the audit sees (kustodian.yaml ignore and entryPoints).
  const model = loadRepository(fs, modelOptions(config));
  io.out(values.format === 'json' ? `${JSON.stringify(modelToJson(model), null, 2)}\n` : renderModelText(model, repo.path));
  return EXIT.ok;
}

/** A readable summary of the model. */
export function renderModelText(model: RepositoryModel, repo: string): string {
  const lines: string[] = [`Repository ${repo}`, ''];
  lines.push('Entry points');
  for (const e of model.entryPoints) lines.push(`  ${e.path || '.'}  (${e.source}${e.appliedBy ? `, applied by ${e.appliedBy}` : ''})`);
  if (model.entryPoints.length === 0) lines.push('  none found');
  lines.push('', 'Flux Kustomizations (in apply order)');
  for (const k of model.fluxKustomizations) {
    const count = model.resources.filter((r) => r.appliedBy.includes(k.key)).length;
    const traits = [
      k.targetNamespace ? `targetNamespace ${k.targetNamespace}` : '',
      k.prune ? 'prune' : '',
      k.decryption ? `decryption ${k.decryption.provider}` : '',
      k.dependsOn.length ? `after ${k.dependsOn.map((d) => `${d.namespace}/${d.name}`).join(', ')}` : '',
    ].filter(Boolean);
    lines.push(`  ${k.key}  ./${k.path ?? k.rawPath}  ${count} resources${traits.length ? `  [${traits.join('; ')}]` : ''}  (${formatLocation(k.location)})`);
  }
  const byNamespace = new Map<string, string[]>();
  for (const r of model.resources) {
    if (r.appliedBy.length === 0) continue;
    const ns = r.namespace ?? '(cluster-scoped)';
    const origin = r.namespaceOrigin === 'cluster-scoped' ? '' : ` [${r.namespaceOrigin}]`;
    (byNamespace.get(ns) ?? byNamespace.set(ns, []).get(ns)!).push(`    ${describeResource({ kind: r.kind, namespace: undefined, name: r.name })}${origin}${r.sops ? ' (sops)' : ''}  ${r.location.file}:${r.location.line}`);
  }
  lines.push('', 'Resources applied, by namespace');
  for (const ns of [...byNamespace.keys()].sort()) {
    const items = byNamespace.get(ns)!;
    lines.push(`  ${ns} (${items.length})`, ...items);
  }
  const unreachable = model.files.filter((f) => (f.role === 'manifest' || f.role === 'kustomization') && (model.fileAppliedBy.get(f.path) ?? []).length === 0);
  lines.push('', `Files nothing applies (${unreachable.length})`);
  for (const f of unreachable) lines.push(`  ${f.path}  (${f.role})`);
  const { groups, drifted } = model.duplicates;
  lines.push('', `Copies in several namespaces (${groups.length})`);
  for (const g of groups) lines.push(`  ${g.kind} ${g.name}, identical in ${g.copies.map((c) => `${c.namespace}  ${c.location.file}:${c.location.line}`).join(', ')}`);
  if (drifted.length > 0) {
    lines.push('', `Copies that differ from their siblings (${drifted.length})`);
    for (const d of drifted) lines.push(`  ${d.resource.kind} ${d.resource.namespace}/${d.resource.name}  ${d.resource.location.file}:${d.resource.location.line}  differs in ${d.fields.join(', ')} from ${d.siblings.map((s) => s.namespace).join(', ')}`);
  }
  lines.push('', `Diagnostics (${model.diagnostics.length})`);
  for (const d of model.diagnostics) lines.push(`  ${formatLocation(d.location)}  ${d.severity}  ${d.code}  ${d.message}`);
  return `${lines.join('\n')}\n`;
}
