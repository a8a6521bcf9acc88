// Lists pairs of findings that may share a root cause, for review by hand:
// two findings at the same place, two findings about the same object, or a
// finding at a place another one relates. One root cause should be one
// finding (with the other places in `related`), so on a clean run this
// prints no pair. Usage: node tools/compare/shared-causes.mjs REPO... (needs npx nx run cli:bundle)
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'apps/cli/dist/bundle/kustodian.js');
let pairs = 0;
for (const repo of process.argv.slice(2)) {
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'audit', '--repo', repo, '--format', 'json'], { maxBuffer: 1 << 28 }).toString();
  } catch (error) {
    out = error.stdout.toString();
  }
  const findings = JSON.parse(out).findings;
  const place = (f) => `${f.file}:${f.line}`;
  const object = (f) => (f.resource ? `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}` : undefined);
  for (let i = 0; i < findings.length; i++) {
    for (let j = i + 1; j < findings.length; j++) {
      const a = findings[i];
      const b = findings[j];
      const why = [];
      if (place(a) === place(b)) why.push('same place');
      if (object(a) && object(a) === object(b)) why.push('same object');
      if ((a.related ?? []).some((r) => `${r.file}:${r.line}` === place(b)) || (b.related ?? []).some((r) => `${r.file}:${r.line}` === place(a))) why.push('related');
      if (why.length === 0) continue;
      pairs++;
      console.log(`${repo}: ${why.join(', ')}\n  ${a.ruleId} ${place(a)} ${a.message}\n  ${b.ruleId} ${place(b)} ${b.message}`);
    }
  }
}
console.log(`${pairs} pairs to review`);
