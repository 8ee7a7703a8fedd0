// Standard packs and other data files are bundled as text (esbuild `text` loader, vitest plugin).
declare module '*.yaml' {
  const text: string;
  export default text;
}
