import type { Resource } from '../../resources/resource.js';
import { stringAt } from './extractor.js';

export const HELM_RELEASE_GROUP = 'helm.toolkit.fluxcd.io';

/** A Flux HelmRelease (any version of helm.toolkit.fluxcd.io). */
export function isHelmRelease(resource: Pick<Resource, 'id'>): boolean {
  return resource.id.group === HELM_RELEASE_GROUP && resource.id.kind === 'HelmRelease';
}

/** Where the chart's objects go: spec.targetNamespace, else the HelmRelease's own namespace. */
export function helmReleaseTargetNamespace(resource: Pick<Resource, 'body' | 'namespace'>): string | undefined {
  const target = stringAt(resource.body, ['spec', 'targetNamespace']);
  return target !== undefined && target.trim() !== '' ? target.trim() : resource.namespace;
}

/** Longest Helm release name Flux uses as is; longer default names are shortened with a hash. */
const MAX_RELEASE_NAME = 53;

/**
 * The Helm release name Flux uses: spec.releaseName, else
 * `[<targetNamespace>-]<name>`. undefined when Flux would shorten it (over
 * 53 characters), since the shortened form carries a hash.
 */
export function helmReleaseName(resource: Pick<Resource, 'body' | 'name'>): string | undefined {
  const explicit = stringAt(resource.body, ['spec', 'releaseName']);
  if (explicit !== undefined && explicit.trim() !== '') return explicit.trim();
  const target = stringAt(resource.body, ['spec', 'targetNamespace']);
  const name = target !== undefined && target.trim() !== '' ? `${target.trim()}-${resource.name}` : resource.name;
  return name.length <= MAX_RELEASE_NAME ? name : undefined;
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
