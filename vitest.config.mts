import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { TEST_GUARD_MS } from './test/hang-guard.mjs';
import { yamlModuleCode } from './scripts/yaml-data.mjs';

export default defineConfig({
  plugins: [
    {
      // As in the bundle: a .yaml import is its text and its value (scripts/yaml-data.mjs).
      name: 'yaml-data',
      transform(code, id) {
        if (id.endsWith('.yaml')) return { code: yamlModuleCode(code, id), map: null };
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards, not speed checks (test/hang-guard.ts).
    testTimeout: TEST_GUARD_MS,
    hookTimeout: TEST_GUARD_MS,
    // One test file per core (vitest's default leaves one core idle); many tests wait on
    // spawned processes anyway.
    maxWorkers: availableParallelism(),
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
