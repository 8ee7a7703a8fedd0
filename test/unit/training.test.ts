// Who must be trained on a document (core/training.ts): its own `training:` list first, then its
// type's default in the configuration, else nobody.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { trainingRoles } from '../../server/src/core/training';

const config = parseConfig('types:\n  SOP:\n    training: [Operators, QA]\n', '/ws/.qmslint.yaml');
const doc = (frontMatter: string) => buildDocument('/ws/doc.md', `---\nid: SOP-001\n${frontMatter}---\n\n# Title\n`, config, false);

describe('training roles', () => {
  it("are the document's own, over its type's default", () => {
    expect(trainingRoles(doc('type: SOP\ntraining: [Lab technicians]\n'), config)).toEqual(['Lab technicians']);
  });

  it("fall back to the type's default in the configuration", () => {
    expect(trainingRoles(doc('type: SOP\n'), config)).toEqual(['Operators', 'QA']);
  });

  it('are none for a type without a default, or no type', () => {
    expect(trainingRoles(doc('type: WI\n'), config)).toEqual([]);
    expect(trainingRoles(doc(''), config)).toEqual([]);
  });

  it('take one name as a list of one, and drop blanks and repeats', () => {
    expect(trainingRoles(doc('training: QA\n'), config)).toEqual(['QA']);
    expect(trainingRoles(doc("training: [QA, ' ', QA, Operators]\n"), config)).toEqual(['QA', 'Operators']);
  });

  it('an empty list on the document says nobody, whatever the type says', () => {
    expect(trainingRoles(doc('type: SOP\ntraining: []\n'), config)).toEqual([]);
  });
});

describe('a type default in the configuration', () => {
  it('must be a list of role names', () => {
    expect(() => parseConfig('types:\n  SOP:\n    training: Operators\n', '/ws/.qmslint.yaml')).toThrow(/training/);
  });
});
