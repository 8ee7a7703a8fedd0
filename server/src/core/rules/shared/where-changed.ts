// Where a document's content changed since the base, in the words the change rules' messages use.
import type { ContentDiff } from '../../changes';
import type { ControlledDocument } from '../../document';

/** "the body from line 23 and owner": where a content change is, for messages. */
export function whereChanged(diff: ContentDiff, doc: ControlledDocument): string {
  const parts: string[] = [];
  if (diff.body) parts.push(`the body from line ${doc.parsed.lines.position(diff.bodyOffset ?? 0).line}`);
  if (diff.fields.length) parts.push(diff.fields.join(', '));
  return parts.join(' and ');
}
