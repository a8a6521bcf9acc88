import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import type { FluxKustomization } from '../flux/flux-kustomization.js';
import type { Variables } from '../flux/post-build-substitute.js';
import { OPAQUE_VALUE } from '../flux/post-build-substitute.js';
import { isRecord } from '../resources/resource.js';
import { hasSopsMetadata } from '../resources/sops-metadata.js';

/** A ConfigMap or Secret body that substituteFrom may read, looked up by kind, namespace and name. */
export type VariableSourceLookup = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => Readonly<Record<string, unknown>> | 'opaque' | undefined;

export interface SubstitutionVariables {
  readonly vars: Variables;
  /** A source exists whose keys cannot be seen (a Secret created by a controller). */
  readonly open: boolean;
}

function decodeBase64(value: string): string | undefined {
  try {
    return Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The variables a Flux Kustomization substitutes: `substituteFrom` in order
 * (later ones win), then `substitute` (wins over all). Keys of a
 * SOPS-encrypted Secret are known but their values are opaque; a Secret that a
 * controller creates (ExternalSecret, SealedSecret) has keys nobody can see.
 */
export function substitutionVariables(ks: FluxKustomization, lookup: VariableSourceLookup, diagnostics: Diagnostic[]): SubstitutionVariables {
  const vars = new Map<string, string | typeof OPAQUE_VALUE>();
  let open = false;
  const ns = ks.id.namespace ?? 'flux-system';
  for (const from of ks.substituteFrom) {
    const body = lookup(from.kind, ns, from.name);
    if (!body) {
      if (!from.optional) {
        // Its keys are unknown: do not report each variable again.
        open = true;
        diagnostics.push(diagnostic('flux-substitution-unresolved', 'warning', `Flux Kustomization ${ks.key} substitutes variables from ${from.kind} ${ns}/${from.name}, which nothing in the repository defines`, ks.location));
      }
      continue;
    }
    if (body === 'opaque') {
      open = true;
      continue;
    }
    const encrypted = hasSopsMetadata(body);
    for (const field of ['data', 'stringData'] as const) {
      const data = body[field];
      if (!isRecord(data)) continue;
      for (const [k, v] of Object.entries(data)) {
        if (encrypted || typeof v !== 'string') vars.set(k, OPAQUE_VALUE);
        else if (from.kind === 'Secret' && field === 'data') vars.set(k, decodeBase64(v) ?? OPAQUE_VALUE);
        else vars.set(k, v);
      }
    }
  }
  for (const [k, v] of Object.entries(ks.substitute)) vars.set(k, v);
  return { vars, open };
}
