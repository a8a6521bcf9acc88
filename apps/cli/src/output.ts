/** Where a command writes: stdout/stderr, and whether colour is wanted. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
}

/** Colour only on a terminal, never with NO_COLOR set or TERM=dumb; FORCE_COLOR forces it. */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

export function processOutput(): Output {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: wantsColor(process.stdout),
  };
}

export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;
