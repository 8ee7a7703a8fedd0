// Builds qmslint.vsix with @vscode/vsce from a staging folder.
//
// Why staging: package.json's "files" decides what npm installs for the CLI
// (pre-commit's `language: node` installs this repository with npm), while
// .vscodeignore decides what goes into the .vsix, and vsce refuses a manifest
// that has both. The staged manifest is package.json without "files"; the
// staged .vscodeignore is the repository's, so it alone picks the contents.
//
//   node scripts/package-vsix.mjs [--out <file.vsix>]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function packageVsix(out = join(root, 'qmslint.vsix'), { quiet = false, stage = join(root, '.e2e', `vsix-stage-${process.pid}`) } = {}) {
  for (const bundle of ['out/extension.js', 'out/server.js']) {
    if (!existsSync(join(root, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Everything .vscodeignore may let through; it filters the rest out.
  for (const entry of ['.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'out', 'media', 'snippets', 'syntaxes', 'schemas', 'docs']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const target = resolve(out);
  execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', target], {
    cwd: stage,
    stdio: quiet ? 'pipe' : 'inherit',
  });
  rmSync(stage, { recursive: true, force: true });
  return { file: target, bytes: statSync(target).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const { file, bytes } = packageVsix(i > 0 ? process.argv[i + 1] : undefined);
  console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB`);
}
