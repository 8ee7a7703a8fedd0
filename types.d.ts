// Standard packs and other data files are bundled as their text and their value parsed at build
// time (scripts/yaml-data.mjs, used by esbuild.mjs and vitest.config.mts).
declare module '*.yaml' {
  const text: string;
  export default text;
  export const data: unknown;
}
