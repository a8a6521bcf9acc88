import { describe, expect, it } from 'vitest';
import type { MarkerProblem } from './markers.js';
import { renderPage } from './plan-docs.js';

describe('renderPage', () => {
  it('keeps a page that renders, and turns one that throws into a problem naming its file', () => {
    const problems: MarkerProblem[] = [];
    const ok = renderPage('apps/README.md', () => ({ path: 'apps/README.md', blocks: [] }), problems);
    const broken = renderPage(
      'platform/README.md',
      () => {
        throw new TypeError('cannot read properties of undefined');
      },
      problems,
    );
    expect(ok.map((p) => p.path)).toEqual(['apps/README.md']);
    expect(broken).toEqual([]);
    expect(problems).toEqual([{ file: 'platform/README.md', line: 1, message: 'cannot be generated (cannot read properties of undefined; this is a bug in Kustodian: please report it)' }]);
  });
});
