/**
 * Go-compatible text forms of scalar values. SOPS hashes and encrypts the
 * bytes Go's strconv/time packages produce, so these must match them exactly.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Shortest round-trip digits of |v| and the position of the decimal point (digits before it). */
function shortestDigits(v: number): { digits: string; point: number } {
  const [mantissa, exponent] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  return { digits, point: Number(exponent) + 1 };
}

function fixedFromDigits(digits: string, point: number): string {
  if (digits === '0') return '0';
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function sign(v: number): string {
  return v < 0 || Object.is(v, -0) ? '-' : '';
}

/** `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent; `+Inf`, `-Inf`, `NaN`. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const { digits, point } = shortestDigits(v);
  return sign(v) + fixedFromDigits(digits, point);
}

/** `strconv.FormatFloat(v, 'g', -1, 64)`: exponent form below 1e-4 and from 1e6 up (`1e+06`). */
export function formatFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const { digits, point } = shortestDigits(v);
  const exp = point - 1;
  if (digits !== '0' && (exp < -4 || exp >= 6)) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exp < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exp)).padStart(2, '0');
    return `${sign(v)}${mantissa}e${expSign}${expDigits}`;
  }
  return sign(v) + fixedFromDigits(digits, point);
}

/** Go `encoding/json` float text (same thresholds as JavaScript, but keeps `-0`). */
export function formatJsonFloat(v: number): string | undefined {
  if (!Number.isFinite(v)) return undefined;
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

/** Python-cased booleans, as `sops.ToBytes` writes them. */
export function formatSopsBool(v: boolean): string {
  return v ? 'True' : 'False';
}

/** `strconv.ParseBool`. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** `strconv.Atoi` on a 64-bit platform. */
export function parseGoInt(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** Whether a bigint fits Go's int64. */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** `strconv.ParseFloat(text, 64)` for decimal text, infinities and NaN. */
export function parseGoFloat(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(lower)) return Number.NaN;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

interface TimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Up to nine fractional digits, as written. */
  readonly fraction: string;
  /** Offset from UTC in minutes; 0 is written `Z`. */
  readonly offsetMinutes: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validParts(p: TimeParts): TimeParts | undefined {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return undefined;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  return p;
}

// yaml.v3 allowed timestamp layouts: "2006-1-2T15:4:5.999999999Z07:00" (also lower-case t),
// "2006-1-2 15:4:5.999999999" (UTC) and "2006-1-2" (UTC).
const YAML_TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?)?$/;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

function offsetOf(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return zone.startsWith('-') ? -minutes : minutes;
}

function partsFrom(m: RegExpExecArray, year: number, dateIdx: number, timeIdx: number, fracIdx: number, zoneIdx: number): TimeParts {
  return {
    year,
    month: Number(m[dateIdx]),
    day: Number(m[dateIdx + 1]),
    hour: Number(m[timeIdx] ?? 0),
    minute: Number(m[timeIdx + 1] ?? 0),
    second: Number(m[timeIdx + 2] ?? 0),
    fraction: (m[fracIdx] ?? '').slice(0, 9),
    offsetMinutes: offsetOf(m[zoneIdx]),
  };
}

/** A plain YAML scalar that yaml.v3 decodes to `time.Time`, as its MarshalText form; undefined otherwise. */
export function parseYamlTimestamp(text: string): string | undefined {
  const m = YAML_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const hasTime = m[6] !== undefined;
  // The 'T' form needs a zone; the space form must not have one.
  if (hasTime && m[4] !== undefined && m[10] === undefined) return undefined;
  if (hasTime && m[5] !== undefined && m[10] !== undefined) return undefined;
  const parts = validParts(partsFrom(m, Number(m[1]), 2, 6, 9, 10));
  return parts ? formatTimeParts(parts, true) : undefined;
}

/** `time.Time.UnmarshalText` (RFC 3339) followed by MarshalText; undefined when invalid. */
export function normalizeRfc3339Nano(text: string): string | undefined {
  const parts = parseRfc3339(text);
  return parts ? formatTimeParts(parts, true) : undefined;
}

/** `time.Parse(time.RFC3339, text).Format(time.RFC3339)`: the form the MAC's AAD uses. */
export function normalizeRfc3339(text: string): string | undefined {
  const parts = parseRfc3339(text);
  return parts ? formatTimeParts(parts, false) : undefined;
}

function parseRfc3339(text: string): TimeParts | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const zone = m[8]!;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  return validParts(partsFrom(m, Number(m[1]), 2, 4, 7, 8));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatTimeParts(p: TimeParts, withFraction: boolean): string {
  let out = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  const fraction = p.fraction.replace(/0+$/, '');
  if (withFraction && fraction !== '') out += `.${fraction}`;
  if (p.offsetMinutes === 0) return `${out}Z`;
  const abs = Math.abs(p.offsetMinutes);
  return `${out}${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A `lastmodified` value: UTC, whole seconds, RFC 3339 (`2024-11-12T13:33:42Z`). */
export function formatLastModified(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
