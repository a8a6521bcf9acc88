import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import type { FluxKustomization } from './flux-kustomization.js';

export interface ApplyOrder {
  /** Keys (`namespace/name`) in an order that respects dependsOn (depth-first by key; within a cycle the order is arbitrary but stable). */
  readonly order: readonly string[];
  /** Each dependency cycle once, as keys in cycle order. */
  readonly cycles: readonly (readonly string[])[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Order Flux Kustomizations by `dependsOn`; report cycles and dependencies on nothing. Pure. */
export function applyOrder(kustomizations: readonly FluxKustomization[]): ApplyOrder {
  const byKey = new Map(kustomizations.map((k) => [k.key, k]));
  const diagnostics: Diagnostic[] = [];
  const edges = new Map<string, string[]>();
  for (const k of kustomizations) {
    const deps: string[] = [];
    const scope = k.key.includes('@') ? k.key.slice(k.key.indexOf('@')) : '';
    for (const d of k.dependsOn) {
      const key = `${d.namespace}/${d.name}`;
      if (scope && byKey.has(`${key}${scope}`)) deps.push(`${key}${scope}`);
      else if (byKey.has(key)) deps.push(key);
      else diagnostics.push(diagnostic('flux-depends-on-missing', 'warning', `Flux Kustomization ${k.key} depends on ${key}, which nothing in the repository defines`, k.location));
    }
    edges.set(k.key, deps);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  const stack: string[] = [];
  // Depth-first, with an explicit stack rather than recursion: a dependsOn chain of any length (12,000) is fine.
  const visit = (root: string): void => {
    if (state.get(root) === 'done') return;
    const frames: { key: string; deps: string[]; next: number }[] = [];
    const enter = (key: string) => {
      state.set(key, 'visiting');
      stack.push(key);
      frames.push({ key, deps: [...(edges.get(key) ?? [])].sort(), next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++]!;
        const s = state.get(dep);
        if (s === 'done') continue;
        if (s === 'visiting') {
          const cycle = stack.slice(stack.indexOf(dep));
          const canonical = [...cycle].sort().join(' ');
          if (!seenCycles.has(canonical)) {
            seenCycles.add(canonical);
            cycles.push(cycle);
          }
          continue;
        }
        enter(dep);
        continue;
      }
      frames.pop();
      stack.pop();
      state.set(frame.key, 'done');
      order.push(frame.key);
    }
  };
  for (const key of [...byKey.keys()].sort()) visit(key);
  for (const cycle of cycles) {
    const first = byKey.get(cycle[0]!)!;
    diagnostics.push(diagnostic('flux-depends-on-cycle', 'error', `Flux Kustomizations depend on each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}; none of them will ever become ready`, first.location));
  }
  return { order, cycles, diagnostics };
}
