// A standard's document-control profile with the configuration's `types:` laid
// over it: the one merge the rules (through documentContext) and the editor's
// New Document request both read, so they cannot disagree on a type's approvals.
import type { Config } from './config';
import type { DocumentControlProfile, DocumentTypeProfile } from './standards/types';

/**
 * The standard's document types with the configuration's `types:` over them: `null` removes a
 * type, an object is laid over the standard's (or defines a new type); approvals fall back to the
 * standard's, else none.
 */
export function mergeTypes(base: Record<string, DocumentTypeProfile>, config: Config): Record<string, DocumentTypeProfile> {
  const types = { ...base };
  for (const [name, override] of Object.entries(config.types)) {
    if (override === null) delete types[name];
    else types[name] = { ...types[name], ...override, approvals: override.approvals ?? types[name]?.approvals ?? [] };
  }
  return types;
}

/** The profile with its types merged as above; everything else is the standard's. */
export function mergeProfile(profile: DocumentControlProfile, config: Config): DocumentControlProfile {
  return { ...profile, types: mergeTypes(profile.types, config) };
}
