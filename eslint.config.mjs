// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'test-results/',
      'test/fixtures/',
      'test/e2e/workspace/',
      'examples/',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The build, test and e2e scripts run in node.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      // The language service is editor- and host-independent (STYLE.md): no vscode, connection, fs or process.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/*',
            'fs',
            'node:*',
            'path',
            'process',
            'child_process',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process'],
    },
  },
);
