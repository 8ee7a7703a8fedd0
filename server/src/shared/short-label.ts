// Short labels for the rows of a narrow tree (the editor's Clause Coverage view in a side bar of
// ~300 px): a clause number or document id and a short heading, cut at a word. The whole text goes in
// the row's tooltip; the label only has to be recognisable.

/**
 * Characters of a row label that stay visible in a side bar of 300 px: 26 characters of a 13 px UI
 * font are at most ~200 px (measured in DejaVu Sans, one of the widest), what a clause row three
 * levels deep has. The description after it may be cut; the tooltip holds everything.
 */
export const ROW_LABEL_MAX = 26;

/**
 * `text` cut to at most `max` characters: whole words, then an ellipsis; a first word longer than
 * that is cut inside. Spacing runs become one space.
 */
export function shortText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  if (max < 2) return max === 1 ? '…' : '';
  const room = max - 1;
  const cut = clean.slice(0, room + 1);
  // The last space inside the room: whole words only. Trailing punctuation would sit before the ellipsis.
  const space = cut.lastIndexOf(' ');
  let head = space > 0 ? cut.slice(0, space) : clean.slice(0, room);
  while (head && DANGLING.includes(head[head.length - 1])) head = head.slice(0, -1);
  return `${head || clean.slice(0, room)}…`;
}

/** Characters a cut heading does not end on before its ellipsis. */
const DANGLING = ' ,;:.-–—(';

/** Characters of a heading kept after a long key ("ISO 13485:2016 7.5.9.2"), so the row still says what it is. */
const HEADING_MIN = 12;

/**
 * "7.3.9 Control of design and…": a number or id, whole, then as much of the heading as fits in
 * `max` characters (at least HEADING_MIN of it after a long key). A heading too long to fit that
 * repeats its parent's ("Design and development planning" under 7.3 "Design and development") is
 * shown by what it adds ("7.3.2 Planning"), as in a table of contents; the row sits under its parent.
 */
export function rowLabel(key: string, heading: string | undefined, max = ROW_LABEL_MAX, parentHeading?: string): string {
  const title = heading?.replace(/\s+/g, ' ').trim();
  if (!title) return key;
  const room = Math.max(HEADING_MIN, max - key.length - 1);
  const own = title.length > room && parentHeading ? afterParent(title, parentHeading) : undefined;
  return `${key} ${shortText(own ?? title, room)}`;
}

/** What a heading adds to its parent's, capitalised ("Planning"), or undefined when it does not start with it. */
function afterParent(title: string, parentHeading: string): string | undefined {
  const parent = parentHeading.replace(/\s+/g, ' ').trim();
  if (!parent || !title.toLowerCase().startsWith(`${parent.toLowerCase()} `)) return undefined;
  let rest = title.slice(parent.length);
  while (rest && DANGLING.includes(rest[0])) rest = rest.slice(1);
  return rest ? rest[0].toUpperCase() + rest.slice(1) : undefined;
}

/**
 * A clause's state in a word or two, for the row's description: the row must fit a side bar of
 * ~300 px beside its label; the state in full (the view's describeState) goes in the tooltip.
 */
export function shortState(c: { state: string; required: boolean }): string {
  switch (c.state) {
    case 'covered':
      return 'covered';
    case 'partial':
      return 'partly';
    case 'draft-only':
      return 'drafts only';
    case 'uncontrolled':
      return 'uncontrolled';
    default:
      return c.required ? 'missing' : 'not cited';
  }
}
