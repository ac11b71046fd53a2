import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./vitest.setup.ts'],
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'domain', include: ['packages/domain/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'web', include: ['apps/web/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'repository', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'data',
          include: ['packages/db/test/**/*.test.ts', 'packages/api/test/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          exclude: ['apps/server/test/browser/**'],
          globalSetup: ['./packages/db/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['apps/server/test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
