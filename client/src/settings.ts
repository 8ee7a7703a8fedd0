// The extension's settings (package.json contributes.configuration), read in one place.
import * as vscode from 'vscode';

export const SECTION = 'qmslint';

export interface Settings {
  enable: boolean;
  /** A standard to check against instead of the configuration's; empty for the configuration's. */
  standard: string;
  documents: string[];
  rules: Record<string, unknown>;
  /** Who writes new revisions: Bump Revision puts it in the history row's Author cell; empty for a prompt. */
  author: string;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>('enable', true),
    standard: c.get<string>('standard', '').trim(),
    documents: c.get<string[]>('documents', []).filter((d) => typeof d === 'string' && d.trim() !== ''),
    rules: c.get<Record<string, unknown>>('rules', {}),
    author: String(c.get<unknown>('author', '') ?? '').trim(),
  };
}
