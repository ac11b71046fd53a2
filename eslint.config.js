import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '**/.turbo/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Asymmetric matchers (expect.any, expect.stringMatching) are typed any by design.
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Boundaries. The dashboard knows the API and the database only as types.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@tracker/api', allowTypeImports: true, message: 'The dashboard imports the API as types only (it talks to it over HTTP).' },
            { name: '@tracker/db', allowTypeImports: true, message: 'The dashboard imports the database package as types only.' },
          ],
          patterns: [{ group: ['@tracker/db/*', 'drizzle-orm', 'drizzle-orm/*'], message: 'The dashboard never touches the database.' }],
        },
      ],
    },
  },
  // Only packages/db speaks SQL: everyone else calls its data functions.
  {
    files: ['apps/**/src/**/*.{ts,tsx}', 'packages/api/src/**/*.ts', 'packages/domain/src/**/*.ts'],
    ignores: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*', '@tracker/db/schema'], message: 'Query through the data functions of @tracker/db; only packages/db imports drizzle-orm and the schema.' }] },
      ],
    },
  },
  // The domain is pure: no I/O, no other package of the tracker.
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process'], message: 'packages/domain does no I/O.' },
            { group: ['@tracker/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'], message: 'packages/domain depends on nothing of the tracker and no database.' },
          ],
        },
      ],
    },
  },
  {
    // Only env.ts reads the environment; everything else receives validated configuration.
    files: ['apps/**/src/**/*.{ts,tsx}', 'packages/**/src/**/*.ts'],
    ignores: ['apps/server/src/env.ts', 'packages/db/src/testing/postgres-server.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through env.ts.' }],
    },
  },
);
