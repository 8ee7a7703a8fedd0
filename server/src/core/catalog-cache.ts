// The standards catalog each configuration reads: the built-in packs, plus the
// packs a configuration names (read from the workspace, checked, loaded once).
import * as path from 'node:path';
import type { Config } from './config';
import { Catalog } from './standards/catalog';
import { formatPackError } from './standards/load';
import { SETTINGS_MAX_BYTES, UnreadableFile } from './read-limits';
import type { Workspace } from './workspace';

/** A standard pack that cannot be used: the run stops, the message says which and why. */
export class PackError extends Error {}

/** Each config with its own packs gets its own catalog; the built-in one is shared. */
export class CatalogCache {
  private readonly byKey = new Map<string, Promise<Catalog>>();
  constructor(private readonly workspace: Workspace) {}

  forConfig(config: Config): Promise<Catalog> {
    if (!config.packs.length) return Promise.resolve(Catalog.builtin());
    const key = `${config.root}\0${config.packs.join('\0')}`;
    let cached = this.byKey.get(key);
    if (!cached) {
      cached = loadPacks(config, this.workspace);
      this.byKey.set(key, cached);
    }
    return cached;
  }
}

/** The texts of a config's standard packs (already checked by loading its catalog), for another thread. */
export async function packTexts(config: Config, workspace: Workspace): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const rel of config.packs) {
    const file = path.posix.resolve(config.root, rel);
    out.push({ file, text: (await workspace.read(file, SETTINGS_MAX_BYTES)) ?? '' });
  }
  return out;
}

async function loadPacks(config: Config, workspace: Workspace): Promise<Catalog> {
  const catalog = Catalog.builtin().clone();
  for (const rel of config.packs) {
    const file = path.posix.resolve(config.root, rel);
    const where = config.file ?? config.root;
    const inside = path.posix.relative(config.root, file);
    // `..acme.yaml` is a file inside; `..` and `../x` are not.
    if (inside === '..' || inside.startsWith('../')) {
      throw new PackError(`${where}: packs: ${rel} is outside the workspace; keep standard packs inside the repository.`);
    }
    const text = await workspace.read(file, SETTINGS_MAX_BYTES).catch((e) => {
      throw e instanceof UnreadableFile ? new PackError(`${where}: packs: ${rel} is ${e.detail}.`) : e;
    });
    if (text === undefined) throw new PackError(`${where}: packs: ${rel} not found (looked for ${file}).`);
    const errors = catalog.addPack(text, file);
    if (errors.length) throw new PackError(errors.map(formatPackError).join('\n'));
  }
  return catalog;
}
