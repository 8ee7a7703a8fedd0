// clause-edition on a withdrawn edition with a transition table (issue 13): the year and the
// clause numbers change together as a fix only when every clause cited with the designation maps
// to exactly one new clause that means the same; otherwise no fix, and the message says what to check.
import { describe, expect, it } from 'vitest';
import { fullMessage } from '../../../server/src/core/findings';
import { applyEdits } from '../../../server/src/core/fixes';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';

const RULE = 'clause-edition';
const PURPOSE = 'for all controlled documents.\n';
/** Every designation finding ends with the clause it rests on: the document's standard is ISO 13485:2016. */
const EXTERNAL = 'ISO 13485:2016 4.2.4 f) requires documents of external origin to be identified.';
const KNOWN_13485 = `Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn). ${EXTERNAL}`;
const CITE_2016 = 'ISO 13485:2003 is withdrawn (ISO 13485:2016 4.2.4 f)). Cite the current edition, ISO 13485:2016.';

function sop(body: string): string {
  expect(CLEAN_SOP).toContain(PURPOSE);
  return CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
}

async function check(text: string) {
  return findings(await lintFiles({ 'sop.md': text }), 'sop.md', RULE);
}

/** What --fix does: every fix applied; the result must then be clean (a second run changes nothing). */
async function fixed(text: string): Promise<string> {
  const out = applyEdits(text, (await check(text)).flatMap((f) => f.fix?.edits ?? []));
  expect(await check(out)).toEqual([]);
  return out;
}

describe('clause-edition with an edition transition table', () => {
  it('changes the year and every clause number when each maps to one clause of the same meaning', async () => {
    const text = sop('ISO 13485:2003 clauses 4.2.3, 7.5.2.1 and 8.2.2 apply.');
    const [f] = await check(text);
    expect(fullMessage(f)).toBe(`${CITE_2016} In 2016, 4.2.3 is 4.2.4, 7.5.2.1 is 7.5.6 and 8.2.2 is 8.2.4. ${KNOWN_13485}`);
    expect(f.fix?.title).toBe('Change to ISO 13485:2016 and its clause numbers');
    expect(f.suggestions).toBeUndefined();
    expect(await fixed(text)).toContain('ISO 13485:2016 clauses 4.2.4, 7.5.6 and 8.2.4 apply.');
  });

  it('fixes each designation with its own clauses, however it is written', async () => {
    const text = sop('Documents follow ISO 13485:2003 4.2.3; validation follows clause 7.5.2.1 of ISO 13485:2003; audits follow ISO 13485:2003 8.2.2.');
    expect((await check(text)).map((f) => f.fix !== undefined)).toEqual([true, true, true]);
    expect(await fixed(text)).toContain('Documents follow ISO 13485:2016 4.2.4; validation follows clause 7.5.6 of ISO 13485:2016; audits follow ISO 13485:2016 8.2.4.');
  });

  it('fixes a table column headed by the designation', async () => {
    const text = sop('| ISO 13485:2003 | Topic |\n|---|---|\n| 4.2.3 | Documents |\n| 8.2.2 | Audit |');
    expect(await fixed(text)).toContain('| ISO 13485:2016 | Topic |\n|---|---|\n| 4.2.4 | Documents |\n| 8.2.4 | Audit |');
  });

  it('offers no fix when a clause split, and names where it went', async () => {
    const [f] = await check(sop('Validation follows ISO 13485:2003 7.5.2.'));
    expect(fullMessage(f)).toBe(`${CITE_2016} Its clause 7.5.2 is 7.5.6 and 7.5.7 in 2016: check which applies. ${KNOWN_13485}`);
    expect(f.fix).toBeUndefined();
    // Not even as a suggestion: the year alone would make 7.5.2 read as 2016's 7.5.2 (cleanliness of product).
    expect(f.suggestions).toBeUndefined();
  });

  it('offers no fix when any one clause has no one-to-one counterpart, and lists at most three', async () => {
    const one = await check(sop('ISO 13485:2003 clauses 4.2.3 and 4.2.1 apply.'));
    expect(fullMessage(one[0])).toContain('Its clause 4.2.1 is 4.2.1 and 4.2.3 in 2016; check: the 2003 file for each device type is the 2016 medical device file (4.2.3).');
    expect(one[0].fix).toBeUndefined();

    const many = await check(sop('ISO 13485:2003 clauses 7.5.2, 4.2.1, 8.5.1, 7.5.1 and 9.9 apply.'));
    expect(fullMessage(many[0])).toBe(
      `${CITE_2016} Clauses cited with it have no one-to-one 2016 clause: 7.5.2 (7.5.6 or 7.5.7), 4.2.1 (4.2.1 or 4.2.3; subject changed), 8.5.1 (8.5.1 or 8.2.2 or 8.2.3 or 8.3.3; subject changed) and 2 more; check each against ISO 13485:2016. ${KNOWN_13485}`,
    );
    expect(many[0].fix).toBeUndefined();
  });

  it('offers no fix for a lettered item, a range, a clause the old edition lacks, or a number it is only near', async () => {
    const cases: [string, string][] = [
      ['Documents follow ISO 13485:2003 4.2.3 a).', 'but lettered items may differ between editions: check 4.2.3 a) against 2016 4.2.4.'],
      ['ISO 13485:2003 §§ 7.5.2.1–7.5.2.2 apply.', '7.5.2.1 (end of a range) and 7.5.2.2 (end of a range)'],
      ['Documents follow ISO 13485:2003 9.9.', 'Its clause 9.9 is not a clause of ISO 13485:2003 that qmslint knows: check the number.'],
      ['ISO 13485:2003 requires control; see section 4.2.3.', 'Clause numbers changed between editions: check 4.2.3 against ISO 13485:2016.'],
      ['Documents follow ISO 13485:2003 4.2.3, validation 7.5.2.1.', 'The number 7.5.2.1 on its line is not read as one of its clauses: check it against ISO 13485:2016.'],
    ];
    for (const [body, says] of cases) {
      const [f] = await check(sop(body));
      expect(fullMessage(f), body).toContain(says);
      expect(f.fix, body).toBeUndefined();
      // Changing the year alone would change what the clause numbers mean: no suggestion either.
      expect(f.suggestions, body).toBeUndefined();
    }
  });

  it('offers no fix while clause numbers written without a standard would change edition with it', async () => {
    const bound = await check(sop('Documents follow ISO 13485:2003 4.2.3.\n\nRecords follow clause 4.2.4.'));
    expect(fullMessage(bound[0])).toContain('check the numbers this document cites without a standard (first 4.2.4) against ISO 13485:2016.');
    expect(bound[0].fix).toBeUndefined();
    const alone = await check(sop('Per ISO 13485:2003.\n\nRecords follow clause 4.2.4.'));
    expect(fullMessage(alone[0])).toContain('check the numbers this document cites without a standard (first 4.2.4)');
    expect(alone[0].fix).toBeUndefined();
    // The front matter's `clauses:` (the document's declared standard) do not count: CLEAN_SOP has one.
    expect(fullMessage((await check(sop('Per ISO 13485:2003.')))[0])).toBe(`${CITE_2016} ${KNOWN_13485}`);
  });

  it('ISO 9001:2008: fixes plain renumbering, never a split or a changed subject', async () => {
    const known = `Known editions: 2015 (current), 2015+A1:2024 (current), 2008 (withdrawn), 2000 (withdrawn), 1994 (withdrawn), 1987 (withdrawn). ${EXTERNAL}`;
    const split = await check(sop('Documents follow ISO 9001:2008 4.2.3.'));
    expect(fullMessage(split[0])).toBe(`ISO 9001:2008 is withdrawn (ISO 13485:2016 4.2.4 f)). Cite the current edition, ISO 9001:2015. Its clause 4.2.3 is 7.5.2 and 7.5.3 in 2015: check which applies. ${known}`);
    expect(split[0].fix).toBeUndefined();
    const changed = await check(sop('The management representative is named per ISO 9001:2008 5.5.2.'));
    expect(fullMessage(changed[0])).toContain('Its clause 5.5.2 is 5.3 in 2015; check: 2015 has no management representative.');
    expect(changed[0].fix).toBeUndefined();
    expect(await fixed(sop('Audits follow ISO 9001:2008 8.2.2 and 5.6.2.'))).toContain('Audits follow ISO 9001:2015 9.2 and 9.3.2.');
  });

  it('keeps the suggestion only for an edition with no table (ISO 9001:2000)', async () => {
    const [f] = await check(sop('Documents follow ISO 9001:2000 4.2.3.'));
    expect(fullMessage(f)).not.toContain('check');
    expect(f.fix).toBeUndefined();
    expect(f.suggestions?.map((s) => s.title)).toEqual(['Change edition to 2015']);
  });
});

describe('a wrong publisher too', () => {
  it('fixes the publisher with the renumbering, and suggests no year change where a clause split', async () => {
    const text = sop('Documents follow IEC 13485:2003 4.2.3.');
    const [f] = await check(text);
    expect(f.fix?.title).toBe('Change to ISO 13485:2016 and its clause numbers');
    expect(await fixed(text)).toContain('Documents follow ISO 13485:2016 4.2.4.');
    const [split] = await check(sop('Validation follows IEC 13485:2003 7.5.2.'));
    expect(fullMessage(split)).toContain('Its clause 7.5.2 is 7.5.6 and 7.5.7 in 2016: check which applies.');
    expect(split.fix?.title).toBe('Change publisher to ISO');
    expect(split.suggestions).toBeUndefined();
  });
});

describe('a clause that keeps its number', () => {
  it('is a fix that changes the year only, titled so', async () => {
    const text = sop('Preventive action is set out in ISO 13485:2003, 8.5.3.');
    const [f] = await check(text);
    expect(fullMessage(f)).toBe(`${CITE_2016} Its clauses keep their numbers in 2016. ${KNOWN_13485}`);
    expect(f.fix?.title).toBe('Change to ISO 13485:2016');
    expect(await fixed(text)).toContain('Preventive action is set out in ISO 13485:2016, 8.5.3.');
  });
});

describe('front matter', () => {
  it('renumbers the clauses: list of a document whose standard: is the withdrawn edition', async () => {
    const text = CLEAN_SOP.replace('clauses: ["4.2.4"]', 'standard: "ISO 13485:2003"\nclauses: ["4.2.3", "8.2.2"]');
    expect(await fixed(text)).toContain('standard: "ISO 13485:2016"\nclauses: ["4.2.4", "8.2.4"]');
    const split = CLEAN_SOP.replace('clauses: ["4.2.4"]', 'standard: "ISO 13485:2003"\nclauses: ["4.2.3", "7.5.2"]');
    const [f] = await check(split);
    expect(fullMessage(f)).toContain('Its clause 7.5.2 is 7.5.6 and 7.5.7 in 2016: check which applies.');
    expect(f.fix).toBeUndefined();
  });
});
