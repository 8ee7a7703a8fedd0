// Types for scripts/yaml-data.mjs.
import type { Plugin } from 'esbuild';
export function yamlModuleCode(text: string, file: string): string;
export const yamlDataPlugin: Plugin;
