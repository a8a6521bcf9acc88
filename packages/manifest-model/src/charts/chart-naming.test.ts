import { helmFullname, prefixedComponents, standardNamedChart } from './chart-naming.js';

describe('helmFullname', () => {
  it('is the release name when it contains the chart name, else <release>-<chart>', () => {
    expect(helmFullname('loki', 'loki', {})).toBe('loki');
    expect(helmFullname('loki-prod', 'loki', {})).toBe('loki-prod');
    expect(helmFullname('logs', 'loki', {})).toBe('logs-loki');
    expect(helmFullname('kube-prometheus-stack', 'grafana', {})).toBe('kube-prometheus-stack-grafana');
  });

  it('uses fullnameOverride as is, and nameOverride in place of the chart name', () => {
    expect(helmFullname('logs', 'loki', { fullnameOverride: 'loki' })).toBe('loki');
    expect(helmFullname('logs', 'loki', { nameOverride: 'store' })).toBe('logs-store');
    expect(helmFullname('logstore', 'loki', { nameOverride: 'store' })).toBe('logstore');
  });

  it('cuts to the chart length and drops a trailing dash, as trunc and trimSuffix do', () => {
    expect(helmFullname('monitoring', 'kube-prometheus-stack', {}, 26)).toBe('monitoring-kube-prometheus');
    expect(helmFullname('prometheus-stack', 'kube-prometheus-stack', {}, 26)).toBe('prometheus-stack-kube-prom');
    expect(helmFullname('a'.repeat(25), 'kube-prometheus-stack', {}, 26)).toBe('a'.repeat(25));
    expect(helmFullname('a'.repeat(62), 'chart', {})).toBe('a'.repeat(62));
  });
});

describe('prefixedComponents', () => {
  const kps = standardNamedChart('kube-prometheus-stack')!;

  it('lists the subcharts of kube-prometheus-stack that carry the release name', () => {
    expect(prefixedComponents(kps, 'kube-prometheus-stack', {}).map((c) => `${c.fullname} (${c.overridePath})`)).toEqual([
      'kube-prometheus-stack-grafana (grafana.fullnameOverride)',
      'kube-prometheus-stack-kube-state-metrics (kube-state-metrics.fullnameOverride)',
      'kube-prometheus-stack-prometheus-node-exporter (prometheus-node-exporter.fullnameOverride)',
    ]);
  });

  it('leaves out what has a fullnameOverride and what is switched off, and adds the chart when the release lacks its name', () => {
    const values = { grafana: { enabled: false }, 'kube-state-metrics': { fullnameOverride: 'kube-state-metrics' }, nodeExporter: { enabled: false } };
    expect(prefixedComponents(kps, 'kube-prometheus-stack', values)).toEqual([]);
    expect(prefixedComponents(kps, 'monitoring', values).map((c) => c.fullname)).toEqual(['monitoring-kube-prometheus']);
  });

  it('finds nothing when the release name contains the chart name', () => {
    expect(prefixedComponents(standardNamedChart('loki')!, 'loki', {})).toEqual([]);
    expect(standardNamedChart('app-template')).toBeUndefined();
  });
});
