import { helmReleaseNameOf, helmReleaseTargetNamespaceOf } from '../../flux/helm-release.js';
import type { Resource } from '../../resources/resource.js';

/** Where the chart's objects go: spec.targetNamespace, else the HelmRelease's own namespace. */
export function helmReleaseTargetNamespace(resource: Pick<Resource, 'body' | 'namespace'>): string | undefined {
  return helmReleaseTargetNamespaceOf(resource.body) ?? resource.namespace;
}

/** The Helm release name Flux uses (see HelmRelease.releaseName); undefined when Flux would shorten it with a hash. */
export function helmReleaseName(resource: Pick<Resource, 'body'>): string | undefined {
  return helmReleaseNameOf(resource.body);
}

const RELEASE_TEMPLATE = /\{\{-?\s*\.Release\.(Name|Namespace)\s*-?\}\}/g;

/**
 * Expand `{{ .Release.Name }}` and `{{ .Release.Namespace }}` in a values
 * string, as charts that pass values through `tpl` (bjw-s app-template and
 * others) do. Other templates are left as written (and so are not referable).
 */
export function expandReleaseTemplates(text: string, resource: Pick<Resource, 'body' | 'name' | 'namespace'>): string {
  if (!text.includes('{{')) return text;
  return text.replace(RELEASE_TEMPLATE, (whole, field: string) => {
    const value = field === 'Name' ? helmReleaseName(resource) : helmReleaseTargetNamespace(resource);
    return value ?? whole;
  });
}
