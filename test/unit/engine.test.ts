import { describe, expect, it } from 'vitest';
import { lint, Project } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const files = {
  '/ws/.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
  '/ws/a.md': CLEAN_SOP.replace('## Revision History', 'Records follow SOP-002.\n\n## Revision History'),
  '/ws/b.md': CLEAN_SOP.replace('SOP-001', 'SOP-002'),
};

describe('engine', () => {
  it('reuses parsed documents while text and config are unchanged, and reads again what it is told changed', async () => {
    const workspace = new MemoryWorkspace(files);
    const project = new Project({ workspace, files: ['/ws/a.md', '/ws/b.md'], root: '/ws', today: TODAY });
    const run = () => project.findingsAll();
    const first = await run();
    const second = await run();
    expect(second.files[0].document).toBe(first.files[0].document);
    expect(second.files[1].document).toBe(first.files[1].document);
    workspace.files.set('/ws/b.md', files['/ws/b.md'].replace('revision: C', 'revision: B'));
    // Not told, the project keeps what it read: an editor tells it of every change.
    expect((await run()).files[1].document).toBe(first.files[1].document);
    project.update({ changed: ['/ws/b.md'] });
    const third = await run();
    expect(third.files[0].document).toBe(first.files[0].document);
    expect(third.files[1].document).not.toBe(first.files[1].document);
    expect(third.files[1].findings.map((f) => f.ruleId)).toContain('revision-mismatch');
  });

  it('reports only the requested files but resolves references against all', async () => {
    const workspace = new MemoryWorkspace({ ...files, '/ws/b.md': files['/ws/b.md'].replace('revision: C', 'revision: B') });
    const result = await lint({ workspace, files: ['/ws/a.md', '/ws/b.md'], root: '/ws', today: TODAY, only: ['/ws/a.md'] });
    expect(result.files.map((f) => f.path)).toEqual(['/ws/a.md']);
    expect(result.files[0].findings).toEqual([]); // SOP-002 resolves; b.md's own problem is not reported
    const alone = await lint({ workspace, files: ['/ws/a.md'], root: '/ws', today: TODAY });
    expect(alone.files[0].findings.map((f) => f.ruleId)).toEqual(['doc-reference-unresolved']);
  });
});
