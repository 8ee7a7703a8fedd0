// What every finding's text must be, for the Problems panel (issue 16, point 4): plain text (no
// backtick anywhere, the panel shows them literally), and a message of one sentence under 100
// characters, so the problem is read without opening anything; the why and the fix go in `detail`,
// which the editor shows on hover and the CLI after the message. The RuleTester checks every case's
// findings with this; test/cli/message-form.test.ts checks the corpus and the fixtures.

/** Under this many characters, the message's first sentence fits a Problems panel row. */
export const MAX_SENTENCE = 100;

/** The text up to the first sentence end (". ", "? ", "! " or the end); clause numbers (4.2.4) do not end one. */
export function firstSentence(text: string): string {
  const end = /[.?!](?=\s)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** What is wrong with a finding's message and detail; empty when nothing is. */
export function messageFormProblems(f: { message: string; detail?: string }): string[] {
  const problems: string[] = [];
  const first = firstSentence(f.message);
  if (f.message.includes('`')) problems.push(`message has a backtick: ${JSON.stringify(f.message)}`);
  if (f.detail?.includes('`')) problems.push(`detail has a backtick: ${JSON.stringify(f.detail)}`);
  if (first.length >= MAX_SENTENCE) problems.push(`message's first sentence has ${first.length} characters (under ${MAX_SENTENCE}): ${JSON.stringify(first)}`);
  if (first !== f.message) problems.push(`message is more than one sentence (the rest belongs in detail): ${JSON.stringify(f.message)}`);
  if (f.detail !== undefined && !f.detail.trim()) problems.push('detail is empty (leave it out instead)');
  return problems;
}
