// What a document rule sees of one document: the document, its configuration, the standard it
// is checked against (its own `standard:` field, else the configuration's) with that standard's
// document-control profile merged with the configuration's types, the workspace index and today.
// The engine, the document analyser and the editor features build it the same way.
import type { Config } from './config';
import { fieldText, type ControlledDocument } from './document';
import type { WorkspaceIndex } from './index-workspace';
import { mergeProfile } from './profile';
import type { DocumentContext } from './rule';
import type { Catalog } from './standards/catalog';
import { citeClause } from './standards/cite';

export function documentContext(doc: ControlledDocument, config: Config, catalog: Catalog, index: WorkspaceIndex, today: string): DocumentContext {
  const standard = catalog.pack(fieldText(doc, 'standard') ?? config.standard);
  const profile = standard?.documentControl ? mergeProfile(standard.documentControl, config) : undefined;
  const type = fieldText(doc, 'type');
  return {
    doc,
    config,
    catalog,
    standard,
    profile,
    typeProfile: type ? profile?.types[type] : undefined,
    index,
    today,
    options: {},
    cite: (clause) => citeClause(standard, clause, catalog),
  };
}
