import { resourceKey } from '../resources/resource-id.js';
import type { ResourceId } from '../resources/resource-id.js';
import type { Reference } from './reference.js';

/** Who refers to what: lookups by source, by target, by target kind. */
export class ReferenceIndex {
  private readonly byTarget = new Map<string, Reference[]>();
  private readonly bySource = new Map<string, Reference[]>();

  constructor(readonly all: readonly Reference[]) {
    for (const ref of all) {
      push(this.byTarget, resourceKey(ref.to), ref);
      push(this.bySource, resourceKey(ref.from), ref);
    }
  }

  /** References whose target is this object. */
  to(id: ResourceId): readonly Reference[] {
    return this.byTarget.get(resourceKey(id)) ?? [];
  }

  /** References made by this object. */
  from(id: ResourceId): readonly Reference[] {
    return this.bySource.get(resourceKey(id)) ?? [];
  }

  /** References to objects of one kind (e.g. every reference to a Secret). */
  toKind(kind: string, group = ''): readonly Reference[] {
    return this.all.filter((r) => r.to.kind === kind && r.to.group === group);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
