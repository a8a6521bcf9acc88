/**
 * Flux post-build variable substitution (`spec.postBuild`), as
 * kustomize-controller's envsubst does it: see `substituteString`.
 */
export interface SubstitutionResult<T> {
  readonly value: T;
  /** Variables used without a value or default, in order of first use. */
  readonly unresolved: readonly string[];
  /** The substituted value would have grown past the budget: `value` is the input, unsubstituted. */
  readonly tooLarge?: boolean;
}

/** How much substitution may add to one object, in characters, by default (the size limit of a file). */
export const SUBSTITUTION_GROWTH_LIMIT = 8 * 1024 * 1024;

/** A variable whose value exists but cannot be read (a SOPS-encrypted Secret key). */
export const OPAQUE_VALUE = Symbol('opaque');

export type Variables = ReadonlyMap<string, string | typeof OPAQUE_VALUE>;

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Operators after the name, longest first (Flux's envsubst: drone/envsubst's grammar). */
const OPERATORS = [':=', ':-', ':?', ':+', '=', '-', '?', '+', '^^', '^', ',,', ',', '##', '#', '%%', '%', '//', '/#', '/%', '/', ':'] as const;
type Operator = (typeof OPERATORS)[number];

/** The operators of a default: Flux's envsubst reads the argument whenever the value is empty, whatever the operator. */
const DEFAULT_OPERATORS = ['=', ':=', '-', ':-', '?', ':?', '+', ':+'] as const;
type DefaultOperator = (typeof DEFAULT_OPERATORS)[number];
const isDefaultOperator = (op: Operator): op is DefaultOperator => (DEFAULT_OPERATORS as readonly string[]).includes(op);

/** The index of the `}` that closes the `${` whose body starts at `from`, counting nested `${…}`; -1 when there is none. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A glob of `#`, `##`, `%`, `%%` (`*`, `?`, `[…]`) as a regular expression matching a whole string. */
function globRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

/** `value` without its shortest or longest prefix matching `glob` (`#`, `##`). */
function trimPrefix(value: string, glob: string, longest: boolean): string {
  const re = globRegex(glob);
  const lengths = [...Array(value.length + 1).keys()];
  for (const n of longest ? lengths.reverse() : lengths) if (n > 0 && re.test(value.slice(0, n))) return value.slice(n);
  return value;
}

function reverse(text: string): string {
  return [...text].reverse().join('');
}

/** What a string function does to a variable's value, with its arguments already substituted. */
function apply(op: Exclude<Operator, DefaultOperator>, value: string, args: readonly string[]): string {
  switch (op) {
    case '^^':
      return value.toUpperCase();
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case ',,':
      return value.toLowerCase();
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    case '#':
    case '##':
      return trimPrefix(value, args[0] ?? '', op === '##');
    case '%':
    case '%%':
      return reverse(trimPrefix(reverse(value), reverse(args[0] ?? ''), op === '%%'));
    case '/':
      return args[0] ? value.replace(args[0], args[1] ?? '') : value;
    case '//':
      return args[0] ? value.split(args[0]).join(args[1] ?? '') : value;
    case '/#':
      return args[0] !== undefined && value.startsWith(args[0]) ? `${args[1] ?? ''}${value.slice(args[0].length)}` : value;
    case '/%':
      return args[0] !== undefined && value.endsWith(args[0]) ? `${value.slice(0, value.length - args[0].length)}${args[1] ?? ''}` : value;
    case ':': {
      // As Go's strconv.Atoi: digits only, else the value unchanged.
      if (!/^\d+$/.test(args[0] ?? '')) return value;
      const position = Number(args[0]);
      if (args[1] === undefined) return position < value.length ? value.slice(position) : '';
      if (!/^\d+$/.test(args[1])) return value;
      const length = Number(args[1]);
      return position + length >= value.length ? '' : value.slice(position, position + length);
    }
  }
}

/** The arguments of an operator: a default is one argument; `/pattern/replacement` two; `:position:length` up to two. */
function splitArguments(op: Exclude<Operator, DefaultOperator>, rest: string): string[] {
  if (op === '/' || op === '//' || op === '/#' || op === '/%') {
    const slash = rest.indexOf('/');
    return slash < 0 ? [rest] : [rest.slice(0, slash), rest.slice(slash + 1)];
  }
  if (op === ':') return rest.split(':').slice(0, 2);
  return [rest];
}

/**
 * One string with Flux's post-build substitution applied: `${VAR}`, the
 * defaults (`${VAR:=default}`, `${VAR:-default}` and the other default
 * forms, whose default may itself hold `${…}`), the string functions
 * (`${VAR:position:length}`, `${VAR/from/to}`, `${VAR#prefix}`, `${VAR^^}`,
 * `${#VAR}` …); `$${VAR}` is a literal `${VAR}`, and `$VAR` without braces
 * is left alone. Variables used without a value or default go into
 * `unresolved` and become empty, as in Flux's non-strict mode.
 */
export function substituteString(text: string, vars: Variables, unresolved: Set<string>, unknownIsOpaque = false): string {
  if (!text.includes('${')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    if (text.startsWith('$${', dollar)) {
      // Escaped: a literal `${`, and what follows up to its `}` is not an expression.
      const end = closingBrace(text, dollar + 3);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(dollar + 1, stop);
      i = stop;
      continue;
    }
    if (text[dollar + 1] !== '{') {
      out += '$';
      i = dollar + 1;
      continue;
    }
    const end = closingBrace(text, dollar + 2);
    if (end < 0) {
      out += text.slice(dollar);
      break;
    }
    out += expression(text.slice(dollar + 2, end), text.slice(dollar, end + 1), vars, unresolved, unknownIsOpaque);
    i = end + 1;
  }
  return out;
}

/** The value of one `${body}`; `written` is the expression as it stands in the text. */
function expression(body: string, written: string, vars: Variables, unresolved: Set<string>, unknownIsOpaque: boolean): string {
  const length = body.startsWith('#') ? NAME.exec(body.slice(1)) : null;
  if (length && length[0].length === body.length - 1) {
    const value = vars.get(length[0]);
    if (value === OPAQUE_VALUE || (value === undefined && unknownIsOpaque)) return written;
    if (value === undefined) unresolved.add(length[0]);
    return String((value ?? '').length);
  }
  const name = NAME.exec(body)?.[0];
  if (name === undefined) return written;
  const after = body.slice(name.length);
  const op = OPERATORS.find((o) => after.startsWith(o));
  if (after !== '' && op === undefined) return written;
  const known = vars.get(name);
  if (known === OPAQUE_VALUE || (known === undefined && unknownIsOpaque && (op === undefined || !isDefaultOperator(op)))) return written;
  const value = known ?? '';
  if (op !== undefined && isDefaultOperator(op)) {
    // The default is only read (and its own variables only used) when the value is empty.
    return value !== '' ? value : substituteString(after.slice(op.length), vars, unresolved, unknownIsOpaque);
  }
  if (known === undefined) unresolved.add(name);
  if (op === undefined) return value;
  return apply(op, value, splitArguments(op, after.slice(op.length)).map((arg) => substituteString(arg, vars, unresolved, unknownIsOpaque)));
}

/**
 * Substitute in every string (keys and values) of a JSON-like value. Pure:
 * never changes its input; the parts no variable touches are shared with
 * it. With `unknownIsOpaque` (a variable source exists whose keys cannot be
 * seen, like a Secret an ExternalSecret creates), variables without a value
 * are kept as written and not reported.
 */
export function substituteVariables<T>(value: T, vars: Variables, unknownIsOpaque = false, growthLimit = SUBSTITUTION_GROWTH_LIMIT): SubstitutionResult<T> {
  const unresolved = new Set<string>();
  // A large value used many times (1 MB × 2,000) would make gigabytes: past the budget, the object is left as written.
  let grown = 0;
  const over = new Error('substitution over budget');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const out = substituteString(v, vars, unresolved, unknownIsOpaque);
      grown += out.length - v.length;
      if (grown > growthLimit) throw over;
      return out;
    }
    // What no variable touches is returned as it is, not copied: a substituted object shares its unchanged parts.
    if (Array.isArray(v)) {
      const out = v.map(walk);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      let changed = false;
      for (const [k, inner] of Object.entries(v)) {
        const key = substituteString(k, vars, unresolved, unknownIsOpaque);
        const value = walk(inner);
        if (key !== k || value !== inner) changed = true;
        out[key] = value;
      }
      return changed ? out : v;
    }
    return v;
  };
  try {
    return { value: walk(value) as T, unresolved: [...unresolved] };
  } catch (error) {
    if (error !== over) throw error;
    return { value, unresolved: [...unresolved], tooLarge: true };
  }
}
