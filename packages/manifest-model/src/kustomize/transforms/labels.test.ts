import { describe, expect, it } from 'vitest';
import { createObject } from '../working-object.js';
import { applyCommonAnnotations, applyCommonLabels, applyLabelsEntry } from './labels.js';

const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k.yaml', line: 1, column: 1 }, sources: [], literals: 0 } as const;
const deployment = () => createObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: {} } } }, origin);
const service = () => createObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} }, origin);
const widget = () => createObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { template: { metadata: { labels: {} } } } }, origin);

describe('labels', () => {
  it('commonLabels go to metadata, selectors and pod templates of built-in kinds only', () => {
    const [d, s, w] = [deployment(), service(), widget()];
    applyCommonLabels([d, s, w], { app: 'x' });
    expect(d.body).toMatchObject({ metadata: { labels: { app: 'x' } }, spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } } });
    expect(s.body).toMatchObject({ metadata: { labels: { app: 'x' } }, spec: { selector: { app: 'x' } } });
    expect(w.body).toEqual({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { app: 'x' } }, spec: { template: { metadata: { labels: {} } } } });
  });

  it('a labels entry reaches selectors and templates only when asked', () => {
    const [plain, templated, selected] = [deployment(), deployment(), deployment()];
    applyLabelsEntry([plain], { pairs: { l: 'v' }, includeSelectors: false, includeTemplates: false });
    applyLabelsEntry([templated], { pairs: { l: 'v' }, includeSelectors: false, includeTemplates: true });
    applyLabelsEntry([selected], { pairs: { l: 'v' }, includeSelectors: true, includeTemplates: false });
    expect(plain.body['spec']).toEqual({ template: { spec: {} } });
    expect(templated.body['spec']).toEqual({ template: { metadata: { labels: { l: 'v' } }, spec: {} } });
    expect(selected.body['spec']).toEqual({ selector: { matchLabels: { l: 'v' } }, template: { metadata: { labels: { l: 'v' } }, spec: {} } });
  });

  it('commonAnnotations go to metadata and pod templates', () => {
    const d = deployment();
    applyCommonAnnotations([d], { owner: 'me' });
    expect(d.body).toMatchObject({ metadata: { annotations: { owner: 'me' } }, spec: { template: { metadata: { annotations: { owner: 'me' } } } } });
  });
});
