// `qmslint standards` and `qmslint standards show <id>`.
import { Catalog } from '../../core/standards/catalog';
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
    }));
    if (args.format === 'json') return JSON.stringify(packs, null, 2) + '\n';
    const width = Math.max(...packs.map((p) => p.id.length));
    return (
      packs
        .map((p) => `${p.id.padEnd(width)}  ${p.title} (${p.publisher}), ${p.clauses} clauses, ${p.documentedProcedures} documented procedures`)
        .join('\n') + '\n'
    );
  }
  const pack = catalog.pack(args.id!);
  if (!pack) {
    throw new UsageError(`unknown standard "${args.id}"; run "qmslint standards" to list them`);
  }
  const clauses = catalog.listClauses(pack.id);
  if (args.format === 'json') return JSON.stringify(clauses, null, 2) + '\n';
  return (
    `${pack.title}\n` +
    clauses
      .map((c) => {
        const depth = c.id.split('.').length - 1;
        const flags = [c.documentedProcedure ? 'procedure' : '', c.records ? 'records' : ''].filter(Boolean).join(', ');
        return `${'  '.repeat(depth)}${c.id}  ${c.title}${flags ? `  [${flags}]` : ''}`;
      })
      .join('\n') +
    '\n'
  );
}
