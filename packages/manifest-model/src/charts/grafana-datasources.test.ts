import { parseFieldPath } from './grafana-datasources.js';

describe('parseFieldPath', () => {
  it('reads the field paths the model writes', () => {
    expect(parseFieldPath('spec.values.grafana.additionalDataSources[0].url')).toEqual(['spec', 'values', 'grafana', 'additionalDataSources', 0, 'url']);
    expect(parseFieldPath('spec.values.datasources["datasources.yaml"].datasources[1].url')).toEqual(['spec', 'values', 'datasources', 'datasources.yaml', 'datasources', 1, 'url']);
    expect(parseFieldPath('data["a \\"b\\".yaml"]')).toEqual(['data', 'a "b".yaml']);
  });
});
