import { describe, expect, it } from 'vitest';
import { modelOf, resourceOf } from '../../test/memory-repo.js';
import { imagesOf } from './workload-images.js';

const model = modelOf(
  { apps: 'apps' },
  {
    'apps/cron.yaml': `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: apps}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox:1.37}]
          containers: [{name: dump, image: ghcr.io/acme/dump:2.0}, {name: again, image: ghcr.io/acme/dump:2.0}]
`,
    'apps/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: web, namespace: apps}
spec:
  chart: {spec: {chart: app-template, version: 3.x, sourceRef: {kind: HelmRepository, name: bjw-s}}}
  values:
    controllers:
      web:
        containers:
          app:
            image: {repository: ghcr.io/acme/web, tag: 1.2.3}
    sidecar:
      image: {registry: quay.io, repository: acme/sidecar, digest: "sha256:abc"}
    exporter:
      image: docker.io/acme/exporter:0.9
    backup:
      repository: s3://bucket/path
    title: not/an image
`,
  },
);

describe('imagesOf', () => {
  it('finds the images of every container list of a pod template, once each', () => {
    expect(imagesOf(resourceOf(model, 'CronJob', 'backup'))).toEqual(['busybox:1.37', 'ghcr.io/acme/dump:2.0']);
  });

  it('finds images in Helm values: repository and tag, registry and digest, image strings', () => {
    expect(imagesOf(resourceOf(model, 'HelmRelease', 'web'))).toEqual(['docker.io/acme/exporter:0.9', 'ghcr.io/acme/web:1.2.3', 'quay.io/acme/sidecar@sha256:abc']);
  });
});
