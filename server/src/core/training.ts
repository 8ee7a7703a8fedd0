// Who must be trained on a document: the roles its own `training:` field names, else the default
// its type has in the configuration (`types: {SOP: {training: [Operators]}}`), else none. ISO
// 13485:2016 6.2 and ISO 9001:2015 7.2 ask that people doing work affecting quality be competent
// and trained; which roles a procedure concerns is the company's decision, so no standard's profile
// supplies a default here: only the document or the configuration does.
import type { Config } from './config';
import { field, fieldText, type ControlledDocument } from './document';

/** The roles to train on this document, as written (trimmed, blanks and repeats dropped). */
export function trainingRoles(doc: ControlledDocument, config: Config): string[] {
  const own = field(doc, 'training');
  if (own) return roleList(own.value);
  const type = fieldText(doc, 'type');
  return roleList(type ? config.types[type]?.training : undefined);
}

/** A role list from front matter or configuration: a list of names, or one name. Anything else names no role. */
function roleList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const roles: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') continue;
    const role = String(item).trim();
    if (role && !roles.includes(role)) roles.push(role);
  }
  return roles;
}
