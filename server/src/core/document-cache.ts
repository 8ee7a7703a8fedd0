// Parsed documents kept between runs (language server, --cache), keyed by
// path and checked against the text and configuration: an unchanged file is
// never parsed again.
import type { Config } from './config';
import type { ControlledDocument } from './document';

interface Entry {
  text: string;
  configKey: string;
  doc: ControlledDocument;
}

const configKeys = new WeakMap<Config, string>();

/** Two configs that say the same thing share a key, even when loaded twice. */
function keyOf(config: Config): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  get(path: string, text: string, config: Config): ControlledDocument | undefined {
    const e = this.entries.get(path);
    return e && e.text === text && e.configKey === keyOf(config) ? e.doc : undefined;
  }

  set(path: string, text: string, config: Config, doc: ControlledDocument): void {
    this.entries.set(path, { text, configKey: keyOf(config), doc });
  }

  delete(path: string): void {
    this.entries.delete(path);
  }

  get size(): number {
    return this.entries.size;
  }
}
