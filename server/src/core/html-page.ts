// What the self-contained report pages share (the coverage report, the master list, the validation
// report): the head, a Content-Security-Policy that lets in the page's own style and script by hash
// and nothing else, and text escaped for HTML. One place, so the pages cannot drift apart in safety.
import { createHash } from 'node:crypto';
import { visible } from './visible';

const hash = (source: string) => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

/** The page's policy: its own style and, when it has one, its own script; nothing to load, no base, no forms. */
export function pageCsp(style: string, script?: string): string {
  return `default-src 'none'; style-src ${hash(style)}; ${script === undefined ? '' : `script-src ${hash(script)}; `}base-uri 'none'; form-action 'none'`;
}

/** From `<!doctype html>` to `</head>`; `title` is already HTML. */
export function pageHead(title: string, csp: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${style}</style>
</head>`;
}

/** Text for HTML content and double- or single-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Text from the repository's files for the page: control and invisible characters shown (visible.ts), then escaped. */
export function shown(value: string): string {
  return esc(visible(value));
}
