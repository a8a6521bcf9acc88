import { describe, expect, it } from 'vitest';
import { closestWord } from './closest-word.js';

describe('closestWord', () => {
  it('finds the nearest candidate, ignoring case', () => {
    expect(closestWord('entrypoints', ['ignore', 'entryPoints', 'rules'])).toBe('entryPoints');
    expect(closestWord('--formt', ['--format', '--fail-on'])).toBe('--format');
  });

  it('gives nothing when every candidate is too far (a third of the word, at least 2 edits)', () => {
    expect(closestWord('backup', ['namespaces', 'secrets'])).toBeUndefined();
    expect(closestWord('ab', ['xy'])).toBe('xy');
    expect(closestWord('abc', ['xyz'])).toBeUndefined();
    expect(closestWord('x', [])).toBeUndefined();
  });
});
