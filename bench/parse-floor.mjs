// The parse floor: what parsing alone costs with the stack qmslint is built on
// (unified + remark-parse + remark-frontmatter + remark-gfm, and yaml for the
// front matter), over the same files, in one process, doing nothing else.
//
//   node bench/parse-floor.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';

export function markdownFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export function parseAll(files) {
  let nodes = 0;
  for (const file of files) {
    const tree = processor.parse(readFileSync(file, 'utf8'));
    const first = tree.children[0];
    if (first?.type === 'yaml') parseDocument(first.value);
    nodes += tree.children.length;
  }
  return nodes;
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node bench/parse-floor.mjs DIR');
  const files = markdownFiles(dir);
  parseAll(files);
  process.stdout.write(`${files.length} files parsed\n`);
}
