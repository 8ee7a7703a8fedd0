// The document types a workspace knows: the standard profile's (or common QMS types when there is
// no profile) and the configuration's own. front-matter-missing and field-invalid check types
// against it; the editor's completion offers it.
import type { DocumentContext } from '../../rule';

const DEFAULT_TYPES = ['SOP', 'WI', 'POL', 'MAN', 'PLN', 'FRM', 'REC', 'TPL'];

export function knownTypes(ctx: DocumentContext): string[] {
  const fromConfig = Object.entries(ctx.config.types)
    .filter(([, t]) => t !== null)
    .map(([name]) => name);
  return [...new Set([...(ctx.profile ? Object.keys(ctx.profile.types) : DEFAULT_TYPES), ...fromConfig])];
}
