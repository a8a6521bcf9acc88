import { escapeCommandData, escapeCommandProperty, renderGithubAnnotations } from '../src/report/github-annotations.js';
import { sampleFinding, sampleFindingWithRelated, sampleResult } from './sample-result.js';

describe('GitHub workflow command annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeCommandData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one command per finding and diagnostic, info as notice', () => {
    const result = sampleResult(
      [
        sampleFinding({ file: 'apps/a,b:c.yaml', line: 3, column: 5, message: 'Secret db (web) is 100% missing.', severity: 'error', fix: 'Add it.' }),
        sampleFinding({ ruleId: 'suppression-unused', file: 'x.yaml', line: 1, message: 'Unused.', severity: 'info', fix: 'Remove it.' }),
      ],
      { diagnostics: [{ code: 'yaml-syntax', severity: 'warning', message: 'bad\nYAML', location: { file: 'b.yaml', line: 2, column: 1 } }] },
    );
    expect(renderGithubAnnotations(result).split('\n')).toEqual([
      '::error file=apps/a%2Cb%3Ac.yaml,line=3,col=5,title=kustodian kustomization-unapplied::Secret db (web) is 100%25 missing.%0AFix: Add it.',
      '::notice file=x.yaml,line=1,col=1,title=kustodian suppression-unused::Unused.%0AFix: Remove it.',
      '::warning file=b.yaml,line=2,col=1,title=kustodian yaml-syntax::bad%0AYAML',
      '',
    ]);
  });

  it('prints nothing for a clean result', () => {
    expect(renderGithubAnnotations(sampleResult([]))).toBe('');
  });

  it('puts related places in the annotation, one "see also" line each, before the fix', () => {
    const [line] = renderGithubAnnotations(sampleResult([sampleFindingWithRelated()])).split('\n');
    expect(line).toBe(
      '::error file=apps/web/deployment.yaml,line=14,col=17,title=kustodian secret-undefined::Secret web/web-env is needed by 3 objects but nothing defines it.%0Asee also target: apps/web/deployment.yaml:14:17 (Secret web/web-env)%0Asee also consumer: apps/web/worker.yaml:20:17 (Deployment web/worker)%0Asee also consumer: apps/web/cron.yaml:9:5%0AFix: Fix it.',
    );
  });
});
