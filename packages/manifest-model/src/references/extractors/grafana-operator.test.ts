import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { grafanaOperatorExtractor } from './grafana-operator.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(grafanaOperatorExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('grafana-operator extractor', () => {
  it('reads a GrafanaDatasource’s valuesFrom Secrets and ConfigMaps', () => {
    const yaml = `apiVersion: grafana.integreatly.org/v1beta1
kind: GrafanaDatasource
metadata: {name: postgres, namespace: observability}
spec:
  instanceSelector: {matchLabels: {dashboards: grafana}}
  valuesFrom:
    - targetPath: secureJsonData.password
      valueFrom: {secretKeyRef: {name: grafana-db, key: password}}
    - targetPath: url
      valueFrom: {configMapKeyRef: {name: grafana-settings, key: db-url}}
  datasource: {name: Postgres, type: postgres}
`;
    expect(extract(yaml)).toEqual([
      'grafana-operator Secret observability/grafana-db spec.valuesFrom[0].valueFrom.secretKeyRef.name L8 [password]',
      'grafana-operator ConfigMap observability/grafana-settings spec.valuesFrom[1].valueFrom.configMapKeyRef.name L10 [db-url]',
    ]);
  });

  it('reads a Grafana’s admin credentials and its deployment’s env, not the sections of its grafana.ini', () => {
    const yaml = `apiVersion: grafana.integreatly.org/v1beta1
kind: Grafana
metadata: {name: grafana, namespace: observability}
spec:
  config:
    auth.generic_oauth: {name: Pocket ID, enabled: "true"}
    server: {root_url: https://grafana.example}
  external:
    url: http://grafana.example
    adminPassword: {name: grafana-admin, key: password}
  deployment:
    spec:
      template:
        spec:
          containers:
            - name: grafana
              env:
                - name: GF_DATABASE_PASSWORD
                  valueFrom: {secretKeyRef: {name: grafana-db, key: password}}
`;
    expect(extract(yaml).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual(['grafana-operator Secret observability/grafana-admin', 'grafana-operator Secret observability/grafana-db']);
  });
});
