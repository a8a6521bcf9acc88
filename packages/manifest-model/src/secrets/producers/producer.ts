/**
 * Producers of Secrets: custom resources whose operator writes Secrets, and
 * Helm charts whose objects make an operator write them. Each is data (the
 * files beside this one, one per family, and kustodian.yaml
 * `secrets.producers`): what creates the Secret, and a name template.
 *
 * A template is text with placeholders in braces:
 * - `{name}` the resource's (or the Helm release's) name, `{namespace}` its namespace;
 * - `{spec.store}` a string field (dotted path): no Secret when it is missing or empty;
 * - `{spec.users[].name}` one Secret per list item, `{spec.users.*}` one per key of a map;
 * - `{a ?? b}` the first that has a value (`{spec.users[].name ?? name}`);
 * - `{spec.users.*|dashes}` with `_` written `-`.
 */
import { isRecord } from '../../resources/resource.js';

/** Custom resources of one `group/Kind` whose operator writes Secrets. */
export interface ResourceSecretProducer {
  /** `group/Kind`, or `*` for a field any kind may have (Crossplane's writeConnectionSecretToRef). */
  readonly resource: string;
  /** Name templates of the Secrets written. */
  readonly secrets: readonly string[];
  /** The namespace they are written in, as a template. @default '{namespace}' */
  readonly namespace?: string;
  /** Where the naming is documented. */
  readonly docs?: string;
}

/** A Helm chart whose objects make an operator write Secrets in the release's target namespace. */
export interface ChartSecretProducer {
  /** The chart's name (spec.chart.spec.chart, or a chartRef source named after it). */
  readonly chart: string;
  readonly secrets: readonly string[];
  readonly docs?: string;
}

export type SecretProducer = ResourceSecretProducer | ChartSecretProducer;

/** The values one expression stands for; empty when it has none. */
function valuesOf(expression: string, body: Readonly<Record<string, unknown>>, self: { name: string; namespace: string | undefined }): string[] {
  for (const alternative of expression.split('??').map((a) => a.trim())) {
    const [path, ...modifiers] = alternative.split('|').map((p) => p.trim());
    let values: unknown[] = [body];
    if (path === 'name') values = [self.name];
    else if (path === 'namespace') values = [self.namespace];
    else {
      for (const segment of path!.split('.')) {
        values = values.flatMap((v): unknown[] => {
          if (segment === '*') return isRecord(v) ? Object.keys(v) : [];
          const list = segment.endsWith('[]');
          const key = list ? segment.slice(0, -2) : segment;
          const child = isRecord(v) ? v[key] : undefined;
          return list ? (Array.isArray(child) ? child : []) : [child];
        });
      }
    }
    let strings = values.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
    if (modifiers.includes('dashes')) strings = strings.map((v) => v.replaceAll('_', '-'));
    if (strings.length > 0) return strings;
  }
  return [];
}

/** Every name a template gives for one object: one per combination of its placeholders' values. */
export function expandTemplate(template: string, body: Readonly<Record<string, unknown>>, self: { name: string; namespace: string | undefined }): string[] {
  let names = [''];
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('{');
    if (open < 0) {
      names = names.map((n) => n + rest);
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0) return [];
    const literal = rest.slice(0, open);
    const values = valuesOf(rest.slice(open + 1, close), body, self);
    if (values.length === 0) return [];
    names = names.flatMap((n) => values.map((v) => `${n}${literal}${v}`));
    rest = rest.slice(close + 1);
  }
  return [...new Set(names)];
}
