// Types for scripts/package-vsix.mjs, so tests can package the extension.
export function packageVsix(out?: string, options?: { quiet?: boolean; stage?: string }): { file: string; bytes: number };
