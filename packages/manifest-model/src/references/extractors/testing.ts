/**
 * TEST SUPPORT ONLY: builds model Resources straight from YAML text, without
 * kustomize or Flux, so that extractor tests can run on small manifests. The
 * object and its namespace are settled by `kubeObjectOf`, as the model does
 * (no kustomization, no Flux target namespace). Not for production
 * code: the real model builds Resources through kustomize and Flux.
 */
import { parseYamlFile } from '../../documents/parse-yaml-file.js';
import { kubeObjectOf } from '../../resources/kube-object.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import { hasSopsMetadata } from '../../resources/sops-metadata.js';
import type { Reference } from '../reference.js';
import { formatFieldPath } from './extractor.js';

export interface TestResourceOptions {
  /** Repository-relative file the YAML pretends to come from. @default 'manifest.yaml' */
  readonly file?: string;
}

/** Every object document of a YAML text as a Resource. Throws on YAML errors: tests should not feed broken YAML by accident. */
export function resourcesFromYaml(yaml: string, options: TestResourceOptions = {}): Resource[] {
  const file = options.file ?? 'manifest.yaml';
  const parsed = parseYamlFile(file, new TextEncoder().encode(yaml));
  if (parsed.diagnostics.length > 0) {
    throw new Error(`test YAML does not parse: ${parsed.diagnostics.map((d) => `${d.location.line}: ${d.message}`).join('; ')}`);
  }
  const resources: Resource[] = [];
  for (const document of parsed.documents) {
    const body = document.value;
    if (!isRecord(body)) continue;
    const object = kubeObjectOf(body);
    if (!object) throw new Error(`test YAML: a document at line ${document.location.line} has no apiVersion, kind or name`);
    const slash = file.lastIndexOf('/');
    resources.push({
      ...object,
      origin: { type: 'document', document },
      location: document.location,
      unit: slash < 0 ? '' : file.slice(0, slash),
      chain: [],
      appliedBy: [],
      sops: hasSopsMetadata(body),
    });
  }
  return resources;
}

/** The single Resource of a one-document YAML text. */
export function resourceFromYaml(yaml: string, options: TestResourceOptions = {}): Resource {
  const resources = resourcesFromYaml(yaml, options);
  if (resources.length !== 1) throw new Error(`expected one object in the test YAML, found ${resources.length}`);
  return resources[0]!;
}

/**
 * One line per reference, for readable test expectations:
 * `<via> <group/>Kind <namespace|->/<name> <field> L<line>[ defines][ optional][ [detail]]`.
 */
export function describeReferences(references: readonly Reference[]): string[] {
  return references.map((r) => {
    const kind = r.to.group ? `${r.to.group}/${r.to.kind}` : r.to.kind;
    const flags = `${r.defines ? ' defines' : ''}${r.optional ? ' optional' : ''}${r.detail !== undefined ? ` [${r.detail}]` : ''}`;
    return `${r.via} ${kind} ${r.to.namespace ?? '-'}/${r.to.name} ${formatFieldPath(r.path)} L${r.location.line}${flags}`;
  });
}
