// The text of a new controlled document made by New Controlled Document: the
// skeleton of its type (server/src/shared/skeleton.ts, the one text the language
// server's skeleton completion inserts too) with what the folder's answer to
// qmslint/newDocument and the user's title say. Pure functions (no vscode import),
// so plain tests check every type lints clean.
import { yamlScalar } from '../../server/src/shared/yaml-scalar';
import { skeletonSnippet } from '../../server/src/shared/skeleton';
import type { NewDocumentResponse, NewDocumentType } from '../../server/src/protocol/new-document';

/** A title as a YAML value, written as qmslint's fixes write front-matter values (one definition for both). */
export { yamlScalar };

/**
 * The type's skeleton as snippet text: the id, title, type, date, standard, first clause,
 * history heading, key names and list layout are this folder's; the owner, the clause
 * and the sections' first words stay tab stops.
 */
export function documentSnippet(
  info: Pick<NewDocumentResponse, 'today' | 'clause' | 'standardTitle' | 'historyHeading' | 'keys'>,
  type: Pick<NewDocumentType, 'type' | 'nextId' | 'listIndent'>,
  title: string,
): string {
  return skeletonSnippet({
    type: type.type,
    id: type.nextId,
    title,
    today: info.today,
    clause: info.clause,
    standardTitle: info.standardTitle,
    historyHeading: info.historyHeading,
    keys: info.keys,
    listIndent: type.listIndent,
  });
}

/** `SOP-011 Design Control` -> `sop-011-design-control`, as the example QMS names its files. */
export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'document'
  );
}
