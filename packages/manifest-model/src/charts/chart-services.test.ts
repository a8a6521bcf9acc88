import { controllerServices, createsService, releaseServices } from './chart-services.js';
import type { HelmReleaseChart } from './helm-release-chart.js';

const release = (chart: string | undefined, name: string, values: Record<string, unknown> = {}, unknownPaths: string[] = []): HelmReleaseChart =>
  ({ resource: undefined as never, namespace: 'observability', release: name, chart, values, unknownPaths }) as HelmReleaseChart;

describe('releaseServices', () => {
  it('kube-prometheus-stack: its own Services, the operator governing Services and the subcharts, not any <release>-* name', () => {
    const s = releaseServices(release('kube-prometheus-stack', 'kube-prometheus-stack'));
    for (const name of ['kube-prometheus-stack-prometheus', 'kube-prometheus-stack-alertmanager', 'prometheus-operated', 'alertmanager-operated', 'kube-prometheus-stack-grafana', 'kube-prometheus-stack-kube-state-metrics']) {
      expect(createsService(s, name), name).toBe(true);
    }
    expect(createsService(s, 'kube-prometheus-stack-loki')).toBe(false);
    expect(s.complete).toBe(true);
  });

  it('follows subchart fullnameOverride and switched-off components', () => {
    const s = releaseServices(release('kube-prometheus-stack', 'kube-prometheus-stack', { grafana: { fullnameOverride: 'grafana' }, alertmanager: { enabled: false } }));
    expect(createsService(s, 'grafana')).toBe(true);
    expect(createsService(s, 'kube-prometheus-stack-grafana')).toBe(false);
    expect(createsService(s, 'alertmanager-operated')).toBe(false);
  });

  it('loki: the fullname and every <fullname>-component', () => {
    const s = releaseServices(release('loki', 'loki'));
    expect(['loki', 'loki-gateway', 'loki-headless', 'loki-read'].every((n) => createsService(s, n))).toBe(true);
    expect(createsService(s, 'promtail')).toBe(false);
  });

  it('app-template: the release name, and <release>-<id> per Service', () => {
    const s = releaseServices(release('app-template', 'plex', { service: { app: {}, dlna: { forceRename: 'plex-dlna-udp' } } }));
    expect(['plex', 'plex-app', 'plex-dlna-udp'].every((n) => createsService(s, n))).toBe(true);
    expect(createsService(s, 'plex-web')).toBe(false);
    expect(s.complete).toBe(true);
  });

  it('victoria-logs-single: server.fullnameOverride', () => {
    const s = releaseServices(release('victoria-logs-single', 'victoria-logs', { server: { fullnameOverride: 'victoria-logs' } }));
    expect(createsService(s, 'victoria-logs')).toBe(true);
    expect(s.complete).toBe(false);
  });

  it('is incomplete for an unknown chart, for values from a Secret, and for a hashed release name', () => {
    expect(releaseServices(release('some-chart', 'web')).complete).toBe(false);
    expect(releaseServices(release('loki', 'loki', {}, [''])).complete).toBe(false);
    expect(releaseServices(release('loki', 'loki', {}, ['fullnameOverride'])).complete).toBe(false);
    expect(releaseServices(release('loki', 'loki', {}, ['loki.auth_enabled'])).complete).toBe(true);
    expect(releaseServices({ ...release('loki', 'loki'), release: undefined }).complete).toBe(false);
  });
});

describe('controllerServices', () => {
  const id = (group: string, kind: string, name = 'main') => ({ id: { group, kind, namespace: 'db', name }, name });

  it('knows the governing Services of operators and that ordinary kinds create none', () => {
    expect(controllerServices(id('monitoring.coreos.com', 'Prometheus')).names).toEqual(['prometheus-operated']);
    expect(controllerServices(id('postgresql.cnpg.io', 'Cluster', 'pg')).names).toEqual(['pg-rw', 'pg-ro', 'pg-r']);
    expect(controllerServices(id('apps', 'Deployment'))).toEqual({ names: [], prefixes: [], complete: true });
    expect(controllerServices(id('monitoring.coreos.com', 'ServiceMonitor')).complete).toBe(true);
  });

  it('treats another custom kind as creating unknown Services', () => {
    expect(controllerServices(id('example.io', 'Cache')).complete).toBe(false);
  });

  it('knows that a Dragonfly serves through a Service of its name, and that envoy-gateway policies create none', () => {
    expect(controllerServices(id('dragonflydb.io', 'Dragonfly', 'cache'))).toEqual({ names: ['cache'], prefixes: [], complete: true });
    expect(controllerServices(id('gateway.envoyproxy.io', 'SecurityPolicy'))).toEqual({ names: [], prefixes: [], complete: true });
  });
});
