import type { Resource } from '../resources/resource.js';
import type { ExtractContext } from './extractors/extractor.js';
import { resolveExtractContext } from './extractors/extractor.js';
import { allExtractors } from './extractors/registry.js';
import type { Reference } from './reference.js';

export type { ExtractContext } from './extractors/extractor.js';

/**
 * Every reference made by one resource, from every extractor of the
 * registry in order. Pure. Locations point at the field's line in the
 * resource's source document; target namespaces are resolved (a
 * same-namespace reference gets the referrer's effective namespace).
 */
export function extractReferences(resource: Resource, context: ExtractContext = {}): Reference[] {
  const resolved = resolveExtractContext(context);
  return allExtractors.flatMap((extractor) => extractor.extract(resource, resolved));
}
