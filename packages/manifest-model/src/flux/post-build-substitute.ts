/**
 * Flux post-build variable substitution (`spec.postBuild`): `${VAR}`,
 * `${VAR:=default}`, `${VAR:-default}`, `${VAR=default}`, `${VAR-default}`;
 * `$${VAR}` escapes to a literal `${VAR}`; `$VAR` without braces is left
 * alone, as Flux does. An undefined variable without a default becomes an
 * empty string (Flux's non-strict mode) and is reported as unresolved.
 */
export interface SubstitutionResult<T> {
  readonly value: T;
  /** Variables used without a value or default, in order of first use. */
  readonly unresolved: readonly string[];
}

/** A variable whose value exists but cannot be read (a SOPS-encrypted Secret key). */
export const OPAQUE_VALUE = Symbol('opaque');

export type Variables = ReadonlyMap<string, string | typeof OPAQUE_VALUE>;

const PATTERN = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[=-])([^}]*))?\}/g;

export function substituteString(text: string, vars: Variables, unresolved: Set<string>, unknownIsOpaque = false): string {
  if (!text.includes('${')) return text;
  return text.replace(PATTERN, (whole, escape: string, name: string, op: string | undefined, fallback: string | undefined) => {
    if (escape) return whole.slice(1);
    const known = vars.get(name);
    const value = known === undefined && unknownIsOpaque && op === undefined ? OPAQUE_VALUE : known;
    if (value === OPAQUE_VALUE) return `\${${name}}`;
    const useDefault = op !== undefined && (value === undefined || (op.startsWith(':') && value === ''));
    if (useDefault) return fallback ?? '';
    if (value === undefined) {
      unresolved.add(name);
      return '';
    }
    return value;
  });
}

/**
 * Substitute in every string (keys and values) of a JSON-like value. Pure:
 * returns a new value. With `unknownIsOpaque` (a variable source exists whose
 * keys cannot be seen, like a Secret an ExternalSecret creates), variables
 * without a value are kept as written and not reported.
 */
export function substituteVariables<T>(value: T, vars: Variables, unknownIsOpaque = false): SubstitutionResult<T> {
  const unresolved = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substituteString(v, vars, unresolved, unknownIsOpaque);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[substituteString(k, vars, unresolved, unknownIsOpaque)] = walk(inner);
      return out;
    }
    return v;
  };
  return { value: walk(value) as T, unresolved: [...unresolved] };
}
