/** Where a command writes: stdout/stderr, and whether colour is wanted. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
  /** Columns of the terminal stdout is; undefined when stdout is not a terminal (no wrapping). */
  readonly width?: number | undefined;
}

/** Colour only on a terminal, never with NO_COLOR set or TERM=dumb; FORCE_COLOR forces it. */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/**
 * A stream that stops taking writes once its reader has gone (EPIPE: output
 * piped into `head`): the command runs to its end and exits with its own
 * status, without a stack trace. Another write error is said once on stderr.
 */
function guarded(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code !== 'EPIPE' && stream !== process.stderr) process.stderr.write(`kustodian: cannot write to ${name}: ${error.code ?? error.message}\n`);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processOutput(): Output {
  return {
    out: guarded(process.stdout, 'stdout'),
    err: guarded(process.stderr, 'stderr'),
    color: wantsColor(process.stdout),
    width: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}

/** The exit statuses, shared with kustodian-docs (one mapping, in @kustodian/audit). */
export { EXIT } from '@kustodian/core';
