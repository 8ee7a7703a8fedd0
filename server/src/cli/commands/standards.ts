// `qmslint standards` and `qmslint standards show <id>`.
import { maxOf } from '../../core/arrays';
import { Catalog } from '../../core/standards/catalog';
import { documentKind, requiresDocument } from '../../core/standards/flags';
import { clauseLabel } from '../../core/standards/label';
import { UsageError, type StandardsArgs } from '../args';

export function runStandards(args: StandardsArgs): string {
  const catalog = Catalog.builtin();
  if (args.action === 'list') {
    const packs = catalog.packs().map((p) => ({
      id: p.id,
      title: p.title,
      publisher: p.publisher,
      edition: p.edition,
      clauses: p.clauses.length,
      documentedProcedures: p.clauses.filter((c) => c.documentedProcedure).length,
      documentedInformation: p.clauses.filter((c) => c.documentedInformation === 'maintain').length,
      // Standards whose clauses are this one's requirements too (21 CFR 820.10: ISO 13485:2016).
      incorporates: catalog.incorporated(p.id).map((i) => i.pack.id),
    }));
    if (args.format === 'json') return JSON.stringify(packs, null, 2) + '\n';
    const width = maxOf(packs.map((p) => p.id.length), 0);
    return (
      packs
        .map((p) => `${p.id.padEnd(width)}  ${p.title} (${p.publisher}), ${p.clauses} clauses, ${requiredDocuments(p)}${p.incorporates.length ? `; incorporates ${p.incorporates.join(', ')}` : ''}`)
        .join('\n') + '\n'
    );
  }
  const pack = catalog.pack(args.id!);
  if (!pack) {
    throw new UsageError(`unknown standard "${args.id}"; run "qmslint standards" to list them`);
  }
  const flagged = new Map(pack.clauses.map((c) => [c.id, c]));
  // A pack that speaks of documented information (ISO 9001:2015) calls its records "documented information (retain)".
  const speaksOfInformation = pack.clauses.some((c) => c.documentedInformation);
  // documentedInformation only where the pack sets it (ISO 9001:2015), so other packs' rows stay as they were.
  const clauses = catalog.listClauses(pack.id).map((c) => {
    const info = flagged.get(c.id)?.documentedInformation;
    return info ? { ...c, documentedInformation: info } : c;
  });
  if (args.format === 'json') return JSON.stringify(clauses, null, 2) + '\n';
  // 21 CFR 820.10 makes ISO 13485:2016's clauses requirements: say so, and where to see them.
  const incorporated = catalog
    .incorporated(pack.id)
    .map((i) => `Incorporates ${i.pack.title} through ${clauseLabel(pack.title, i.by)}: its clauses are checked and covered as requirements of ${pack.title}; run "qmslint standards show ${i.pack.id}" to list them.\n`)
    .join('');
  return (
    `${pack.title}\n` +
    clauses
      .map((c) => {
        const depth = c.id.split('.').length - 1;
        const clause = flagged.get(c.id);
        // In the standard's own terms: ISO 9001:2015 requires no documented procedure.
        const kind = clause && requiresDocument(clause) ? documentKind(clause) : undefined;
        const records = c.records ? (speaksOfInformation ? 'documented information (retain)' : 'records') : '';
        const flags = [kind ?? '', records].filter(Boolean).join(', ');
        return `${'  '.repeat(depth)}${c.id}  ${c.title}${flags ? `  [${flags}]` : ''}`;
      })
      .join('\n') +
    '\n' +
    incorporated
  );
}

/** "12 documented procedures", "5 clauses requiring documented information to be maintained". */
function requiredDocuments(p: { documentedProcedures: number; documentedInformation: number }): string {
  const parts: string[] = [];
  if (p.documentedProcedures || !p.documentedInformation) parts.push(`${p.documentedProcedures} documented procedures`);
  if (p.documentedInformation) parts.push(`${p.documentedInformation} clauses requiring documented information to be maintained`);
  return parts.join(', ');
}
