import { describe, expect, it } from 'vitest';
import {
  formatFloatF,
  formatFloatG,
  formatJsonFloat,
  formatLastModified,
  normalizeRfc3339,
  normalizeRfc3339Nano,
  parseGoBool,
  parseGoFloat,
  parseGoInt,
  parseYamlTimestamp,
} from './go-values.js';

describe('Go float formatting', () => {
  it.each([
    [3.14, '3.14'],
    [7, '7'],
    [0, '0'],
    [-0, '-0'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [123456789.125, '123456789.125'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [Number.NaN, 'NaN'],
  ])("FormatFloat(%s, 'f', -1) = %s", (v, text) => {
    expect(formatFloatF(v)).toBe(text);
  });

  it.each([
    [3.14, '3.14'],
    [3, '3'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-10, '-2.5e-10'],
  ])("FormatFloat(%s, 'g', -1) = %s", (v, text) => {
    expect(formatFloatG(v)).toBe(text);
  });

  it('JSON floats keep -0 and refuse infinities', () => {
    expect(formatJsonFloat(-0)).toBe('-0');
    expect(formatJsonFloat(1e21)).toBe('1e+21');
    expect(formatJsonFloat(1e-7)).toBe('1e-7');
    expect(formatJsonFloat(Infinity)).toBeUndefined();
  });
});

describe('Go parsing', () => {
  it('ParseBool accepts the Go spellings only', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(parseGoBool('yes')).toBeUndefined();
  });

  it('Atoi is decimal and 64-bit', () => {
    expect(parseGoInt('-42')).toBe(-42n);
    expect(parseGoInt('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseGoInt('9223372036854775808')).toBeUndefined();
    expect(parseGoInt('0x1F')).toBeUndefined();
  });

  it('ParseFloat reads decimals, infinities and NaN', () => {
    expect(parseGoFloat('+Inf')).toBe(Infinity);
    expect(parseGoFloat('-infinity')).toBe(-Infinity);
    expect(parseGoFloat('NaN')).toBeNaN();
    expect(parseGoFloat('1e5')).toBe(100000);
    expect(parseGoFloat('1_000')).toBeUndefined();
  });
});

describe('times', () => {
  it('yaml.v3 timestamps, as MarshalText writes them', () => {
    expect(parseYamlTimestamp('2024-01-01')).toBe('2024-01-01T00:00:00Z');
    expect(parseYamlTimestamp('2024-1-2')).toBe('2024-01-02T00:00:00Z');
    expect(parseYamlTimestamp('2024-01-01T10:00:00+02:00')).toBe('2024-01-01T10:00:00+02:00');
    expect(parseYamlTimestamp('2024-01-01T10:00:00.500000Z')).toBe('2024-01-01T10:00:00.5Z');
    expect(parseYamlTimestamp('2024-01-01 10:00:00')).toBe('2024-01-01T10:00:00Z');
    expect(parseYamlTimestamp('2024-01-01T10:00:00+00:00')).toBe('2024-01-01T10:00:00Z');
    expect(parseYamlTimestamp('2024-01-01T10:00:00')).toBeUndefined();
    expect(parseYamlTimestamp('2024-02-30')).toBeUndefined();
    expect(parseYamlTimestamp('20240101')).toBeUndefined();
  });

  it('RFC 3339 normalisation for the MAC additional data drops fractions', () => {
    expect(normalizeRfc3339('2024-11-12T13:33:42Z')).toBe('2024-11-12T13:33:42Z');
    expect(normalizeRfc3339('2024-11-12T13:33:42.123Z')).toBe('2024-11-12T13:33:42Z');
    expect(normalizeRfc3339('2024-11-12T13:33:42+01:00')).toBe('2024-11-12T13:33:42+01:00');
    expect(normalizeRfc3339Nano('2024-11-12T13:33:42.120Z')).toBe('2024-11-12T13:33:42.12Z');
    expect(normalizeRfc3339('yesterday')).toBeUndefined();
  });

  it('lastmodified is UTC whole seconds', () => {
    expect(formatLastModified(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
  });
});
