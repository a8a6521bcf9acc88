import { isRecord } from '../resources/resource.js';
import type { PatchTarget } from './kustomization-file.js';
import type { WorkingObject } from './working-object.js';
import { apiVersionOf, effectiveNamespace, groupOfObject, kindOf, metadata, nameOf, namespaceOf, originalId, versionOf } from './working-object.js';

export type LabelPredicate = (labels: Readonly<Record<string, unknown>>) => boolean;

/** Splits on commas outside parentheses. */
function splitRequirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Parses a Kubernetes label selector (`a=b,c!=d,e in (x,y),!f,g`) into a
 * predicate; a string describing the problem when it does not parse.
 */
export function parseLabelSelector(selector: string): LabelPredicate | string {
  const tests: LabelPredicate[] = [];
  for (const req of splitRequirements(selector)) {
    let m: RegExpMatchArray | null;
    if ((m = req.match(/^!\s*([^\s=!(),]+)$/))) {
      const key = m[1]!;
      tests.push((l) => !(key in l));
    } else if ((m = req.match(/^([^\s=!(),]+)\s+(in|notin)\s+\(([^()]*)\)$/))) {
      const key = m[1]!;
      const values = new Set(m[3]!.split(',').map((v) => v.trim()));
      const negate = m[2] === 'notin';
      tests.push((l) => (key in l && values.has(String(l[key]))) !== negate);
    } else if ((m = req.match(/^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/))) {
      const key = m[1]!;
      const value = m[3]!;
      const negate = m[2] === '!=';
      tests.push((l) => (key in l && String(l[key]) === value) !== negate);
    } else if ((m = req.match(/^([^\s=!(),]+)$/))) {
      const key = m[1]!;
      tests.push((l) => key in l);
    } else {
      return `cannot parse selector requirement "${req}"`;
    }
  }
  return (labels) => tests.every((t) => t(labels));
}

function anchored(pattern: string): RegExp | string {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    return `invalid regular expression "${pattern}": ${(error as Error).message}`;
  }
}

/** A compiled patch `target`. */
export type TargetMatcher = (obj: WorkingObject) => boolean;

/**
 * Compiles a patch target the way kustomize selects: group, version, kind,
 * name and namespace are anchored regular expressions; name and namespace
 * match the object's original or current value; label and annotation
 * selectors use Kubernetes selector syntax. A string when it is malformed.
 */
export function compileTarget(target: PatchTarget): TargetMatcher | string {
  const regex: Partial<Record<'group' | 'version' | 'kind' | 'name' | 'namespace', RegExp>> = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace'] as const) {
    const p = target[key];
    if (p === undefined || p === '') continue;
    const r = anchored(p);
    if (typeof r === 'string') return r;
    regex[key] = r;
  }
  const labels = target.labelSelector ? parseLabelSelector(target.labelSelector) : undefined;
  if (typeof labels === 'string') return labels;
  const annotations = target.annotationSelector ? parseLabelSelector(target.annotationSelector) : undefined;
  if (typeof annotations === 'string') return annotations;
  return (obj) => {
    if (regex.group && !regex.group.test(groupOfObject(obj))) return false;
    if (regex.version && !regex.version.test(versionOf(apiVersionOf(obj)))) return false;
    if (regex.kind && !regex.kind.test(kindOf(obj))) return false;
    const original = originalId(obj);
    if (regex.name && !regex.name.test(original.name) && !regex.name.test(nameOf(obj))) return false;
    if (regex.namespace) {
      const r = regex.namespace;
      if (!r.test(effectiveNamespace(obj, original.namespace)) && !r.test(effectiveNamespace(obj, namespaceOf(obj)))) return false;
    }
    const meta = metadata(obj);
    if (labels && !labels(isRecord(meta['labels']) ? meta['labels'] : {})) return false;
    if (annotations && !annotations(isRecord(meta['annotations']) ? meta['annotations'] : {})) return false;
    return true;
  };
}

/** `kind=Deployment, name=x` for messages. */
export function describeTarget(target: PatchTarget): string {
  return Object.entries(target)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
