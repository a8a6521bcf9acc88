import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { prometheusOperatorExtractor } from './prometheus-operator.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(prometheusOperatorExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('prometheus-operator extractor', () => {
  it('reads a ServiceMonitor’s basicAuth and TLS Secrets and its CA ConfigMap', () => {
    const yaml = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: monitoring}
spec:
  endpoints:
    - port: metrics
      basicAuth:
        username: {name: app-metrics, key: user}
        password: {name: app-metrics, key: password}
      tlsConfig:
        ca: {configMap: {name: ca-bundle, key: ca.crt}}
        keySecret: {name: app-client-tls, key: tls.key}
`;
    expect(extract(yaml)).toEqual([
      'prometheus-operator Secret monitoring/app-metrics spec.endpoints[0].basicAuth.username.name L8 [user]',
      'prometheus-operator Secret monitoring/app-metrics spec.endpoints[0].basicAuth.password.name L9 [password]',
      'prometheus-operator ConfigMap monitoring/ca-bundle spec.endpoints[0].tlsConfig.ca.configMap.name L11 [ca.crt]',
      'prometheus-operator Secret monitoring/app-client-tls spec.endpoints[0].tlsConfig.keySecret.name L12 [tls.key]',
    ]);
  });

  it('reads an AlertmanagerConfig’s receiver keys, and the Secrets a Prometheus mounts', () => {
    const amc = `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: alerts, namespace: monitoring}
spec:
  receivers:
    - name: pushover
      pushoverConfigs:
        - userKey: {name: pushover, key: user-key}
          token: {name: pushover, key: token}
`;
    expect(extract(amc)).toEqual([
      'prometheus-operator Secret monitoring/pushover spec.receivers[0].pushoverConfigs[0].userKey.name L8 [user-key]',
      'prometheus-operator Secret monitoring/pushover spec.receivers[0].pushoverConfigs[0].token.name L9 [token]',
    ]);
    const prometheus = 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec:\n  secrets: [etcd-certs]\n  alerting:\n    alertmanagers: [{name: alertmanager-main, namespace: monitoring, port: web}]\n';
    expect(extract(prometheus)).toEqual(['prometheus-operator Secret monitoring/etcd-certs spec.secrets[0] L5']);
  });
});
