import { defineConfig } from 'vitest/config';

// Two projects: unit + API tests run two files at a time; browser tests run one file at a time,
// since each starts a server and a software-rendering Chromium and two of them would share 2 cores
// with each other's map rendering (slow, and flaky under load).
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 120_000 } },
    ],
  },
});
