import { parseArgs } from 'node:util';
import { AuditConfigError, readAuditConfig } from '@kustodian/audit';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { describeResource, formatLocation, loadRepository, modelToJson, NodeFileSystem } from '@kustodian/manifest-model';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { defaultRepository } from '../repository-path.js';

export const MODEL_HELP = `Usage: kustodian model [--repo DIR | DIR] [--format text|json]

Print the model of a Flux GitOps repository: entry points, the Flux tree and
what each Flux Kustomization applies, resources per namespace with where their
namespace comes from, files nothing applies, and diagnostics with file:line.
`;

export function runModel(argv: readonly string[], io: Output): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { repo: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(MODEL_HELP);
    return EXIT.ok;
  }
  const repo = values.repo ?? positionals[0] ?? defaultRepository();
  if (!repo) {
    io.err('kustodian model: no repository given and no examples/ folder found; pass --repo DIR\n');
    return EXIT.unusable;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.err(`kustodian model: unknown --format ${values.format}; use text or json\n`);
    return EXIT.unusable;
  }
  const fs = new NodeFileSystem(repo);
  let config;
  try {
    config = readAuditConfig(fs);
  } catch (error) {
    if (error instanceof AuditConfigError) {
      io.err(`kustodian model: ${error.message}\n`);
      return EXIT.unusable;
    }
    throw error;
  }
  // The same files and entry points the audit sees (kustodian.yaml ignore and entryPoints).
  const model = loadRepository(fs, { ...(config.entryPoints ? { entryPoints: config.entryPoints } : {}), ignore: config.ignore });
  io.out(values.format === 'json' ? `${JSON.stringify(modelToJson(model), null, 2)}\n` : renderModelText(model, repo));
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
  lines.push('', `Diagnostics (${model.diagnostics.length})`);
  for (const d of model.diagnostics) lines.push(`  ${formatLocation(d.location)}  ${d.severity}  ${d.code}  ${d.message}`);
  return `${lines.join('\n')}\n`;
}
