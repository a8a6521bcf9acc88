import { describe, expect, it } from 'vitest';
import { EXIT, exitStatusOf, FileWriteError, isKustodianError, KustodianError } from './errors.js';

class ExampleError extends KustodianError<'EXAMPLE_ONE' | 'EXAMPLE_TWO'> {
  override readonly name = 'ExampleError';
}

describe('KustodianError', () => {
  it('keeps its code, details, cause and the subclass name', () => {
    const cause = new Error('underneath');
    const error = new ExampleError('EXAMPLE_ONE', 'file.yaml:3: broken', { file: 'file.yaml' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExampleError');
    expect(error.code).toBe('EXAMPLE_ONE');
    expect(error.details).toEqual({ file: 'file.yaml' });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('file.yaml:3: broken');
  });

  it('is told apart from other errors, by code when one is given', () => {
    const error = new ExampleError('EXAMPLE_TWO', 'x');
    expect(isKustodianError(error)).toBe(true);
    expect(isKustodianError(error, 'EXAMPLE_TWO')).toBe(true);
    expect(isKustodianError(error, 'EXAMPLE_ONE')).toBe(false);
    expect(isKustodianError(new Error('x'))).toBe(false);
    expect(isKustodianError({ code: 'EXAMPLE_TWO', message: 'x' })).toBe(false);
  });

  it('maps to exit status 2; anything else is a bug and has no status', () => {
    expect(exitStatusOf(new ExampleError('EXAMPLE_ONE', 'x'))).toBe(EXIT.unusable);
    expect(EXIT.unusable).toBe(2);
    expect(exitStatusOf(new TypeError('x'))).toBeUndefined();
    expect(exitStatusOf('a string')).toBeUndefined();
  });

  it('FileWriteError names the file and the system error code', () => {
    const cause = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    const error = new FileWriteError('/tmp/a/b.yaml', cause);
    expect(error.message).toBe('cannot write /tmp/a/b.yaml: ENOENT');
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.details).toEqual({ path: '/tmp/a/b.yaml' });
  });
});
