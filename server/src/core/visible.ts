// Text from a repository, made safe to print in a text report (stylish, the
// coverage summary, `review`, coverage Markdown). File names and front-matter
// values may hold any character: a line break would let a name start a line
// of our output with a GitHub workflow command (`::error`, `::stop-commands::`),
// which the runner obeys; ESC, OSC and C1 bytes would drive the terminal
// (retitle it, hide text, fake a link). Each is shown as an escape the reader
// can see instead: a line break as \n, other controls as \u001b. Tabs stay
// (harmless, and in messages); backslashes stay (Windows paths).

// C0 controls but tab, DEL, C1 controls, and the bidirectional overrides and isolates that reorder what is shown.
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function visible(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
