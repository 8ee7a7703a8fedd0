// Prints one plain closing line, "tests: N passed, N failed, N skipped", that
// CI systems reading test output recognise whatever the runner. A skipped test
// fails the run: it would otherwise pass for a test that never ran.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
    }
    process.stdout.write(`\ntests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
    if (count.skipped) {
      process.stdout.write('tests: a skipped test did not run, so the run fails; remove the .skip or .todo, or the test\n');
      process.exitCode = 1;
    }
  }
}
