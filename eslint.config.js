// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', '../../main/*', '../../server/*', 'better-sqlite3'] },
      ],
    },
  },
  {
    // core/ is pure: no Node, no Electron, no I/O.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', 'fs', 'path', 'crypto', 'better-sqlite3', 'pg'] },
      ],
    },
  },
  {
    // Only the Electron shell and the preload may touch raw IPC.
    files: ['main/**/*.ts', 'server/**/*.ts', 'core/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['main/index.ts', 'main/electron/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Raw IPC lives only in main/electron.',
        },
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Raw IPC lives only in preload.',
        },
      ],
    },
  },
  {
    // Vitest shares one module registry per worker (isolate: false in vitest.config.ts): a module mock would not
    // reach a module another test file imported first. Inject the dependency instead.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|unmock|resetModules)$/]",
          message:
            'Test files share modules (vitest isolate: false): inject the dependency instead of mocking a module.',
        },
      ],
    },
  },
);
