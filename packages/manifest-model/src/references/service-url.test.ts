import { describe, expect, it } from 'vitest';
import { findServiceUrls } from './service-url.js';

const targets = (text: string) => findServiceUrls(text).map((m) => `${m.namespace}/${m.service}`);

describe('findServiceUrls', () => {
  it.each([
    ['http://loki-gateway.monitoring', 'monitoring/loki-gateway', 'http://loki-gateway.monitoring'],
    ['https://grafana.o11y:3000/api/health', 'o11y/grafana', 'https://grafana.o11y:3000/api/health'],
    ['http://prometheus-operated.o11y.svc.cluster.local:9090', 'o11y/prometheus-operated', 'http://prometheus-operated.o11y.svc.cluster.local:9090'],
    ['http://alertmanager.o11y.svc:9093/api/v2/alerts/', 'o11y/alertmanager', 'http://alertmanager.o11y.svc:9093/api/v2/alerts/'],
    ['redis.database.svc.cluster.local', 'database/redis', 'redis.database.svc.cluster.local'],
    ['redis.database.svc', 'database/redis', 'redis.database.svc'],
    ['blackbox-exporter-lan.o11y.svc.cluster.local:9115', 'o11y/blackbox-exporter-lan', 'blackbox-exporter-lan.o11y.svc.cluster.local:9115'],
    ['postgres.database:5432', 'database/postgres', 'postgres.database:5432'],
    ['loki-gateway.logging:80/loki/api/v1/push', 'logging/loki-gateway', 'loki-gateway.logging:80/loki/api/v1/push'],
    ['postgres-0.postgres.db.svc.cluster.local', 'db/postgres', 'postgres-0.postgres.db.svc.cluster.local'],
    ['jdbc:postgresql://pg.db:5432/app', 'db/pg', 'postgresql://pg.db:5432/app'],
    ['grpc://tempo.o11y.svc.cluster.local.:4317', 'o11y/tempo', 'grpc://tempo.o11y.svc.cluster.local.:4317'],
  ])('finds the Service in %s', (text, target, written) => {
    const matches = findServiceUrls(text);
    expect(matches.map((m) => `${m.namespace}/${m.service}`)).toEqual([target]);
    expect(matches[0]!.text).toBe(written);
  });

  it.each([
    'https://github.com/x/y',
    'ghcr.io/org/img',
    'ghcr.io/org/img:1.2.3',
    'example.com',
    'smtp.gmail.com:587',
    'foo.bar',
    'http://localhost:8080',
    'http://127.0.0.1:9090',
    'http://grafana:3000',
    'https://grafana.example.com',
    'https://hass.turbo.ac',
    'https://my.app',
    'http://nas.lan:5000',
    'http://router.home',
    'http://printer.local',
    'https://www.foo',
    'https://charts.bitnami.com/bitnami',
    'oci://ghcr.io/home-operations/charts',
    'default.svc.cluster.local',
    'search default.svc.cluster.local svc.cluster.local cluster.local',
    'org.apache.svc.Handler',
    'a.b.svc.example.com',
    'http://${SVC}.${NS}.svc',
    'http://{{ .Values.host }}.db.svc',
    'v1.2:8080',
    'smtp.gmail.com:587/path',
    'mail.example:25 and more text',
    'version 1.25',
  ])('finds nothing in %s', (text) => {
    expect(findServiceUrls(text)).toEqual([]);
  });

  it('finds several addresses in one text, in order, and does not count a URL twice', () => {
    const text = [
      'datasources:',
      '  - name: Prometheus',
      '    url: http://prometheus.o11y.svc.cluster.local:9090',
      '  - name: Loki',
      '    url: http://loki-gateway.o11y',
      'other: tempo.o11y.svc:3200 and https://example.com',
    ].join('\n');
    expect(targets(text)).toEqual(['o11y/prometheus', 'o11y/loki-gateway', 'o11y/tempo']);
  });

  it('splits a comma-separated list and stops a URL at quotes and spaces', () => {
    expect(findServiceUrls('https://plex.turbo.ac:443,http://192.168.69.128:32400,http://plex.default.svc.cluster.local:32400').map((m) => m.text)).toEqual([
      'http://plex.default.svc.cluster.local:32400',
    ]);
    expect(findServiceUrls('curl "http://api.apps:8080/health" -s').map((m) => m.text)).toEqual(['http://api.apps:8080/health']);
  });

  it('never returns a URL password or query values', () => {
    const [match] = findServiceUrls('postgres://app:s3cr3t@pg.database.svc.cluster.local:5432/app?sslmode=disable&password=hunter2');
    expect(match).toMatchObject({ namespace: 'database', service: 'pg' });
    expect(match!.text).toBe('postgres://app:***@pg.database.svc.cluster.local:5432/app?sslmode=***&password=***');
    expect(match!.text).not.toContain('s3cr3t');
    expect(match!.text).not.toContain('hunter2');
  });

  it('ignores the API server Service, which no repository defines', () => {
    expect(findServiceUrls('https://kubernetes.default.svc:443')).toEqual([]);
    expect(findServiceUrls('kubernetes.default.svc.cluster.local')).toEqual([]);
  });

  it('reports the offset of each address', () => {
    const text = 'a: http://x.ns\nb: y.ns.svc';
    expect(findServiceUrls(text).map((m) => [m.index, text.slice(m.index, m.index + m.text.length)])).toEqual([
      [3, 'http://x.ns'],
      [18, 'y.ns.svc'],
    ]);
  });

  it('takes a bare svc.ns for a Service only when ns is a namespace the repository knows', () => {
    const text = 'https://phishing.army/download/list.txt http://api.apps:8080/health';
    expect(findServiceUrls(text).map((m) => `${m.namespace}/${m.service}`)).toEqual(['army/phishing', 'apps/api']);
    expect(findServiceUrls(text, { namespaces: new Set(['apps', 'default']) }).map((m) => `${m.namespace}/${m.service}`)).toEqual(['apps/api']);
    expect(findServiceUrls('http://api.army.svc.cluster.local', { namespaces: new Set(['apps']) }).map((m) => m.service)).toEqual(['api']);
  });
});
