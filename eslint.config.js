import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Rules are pure: no network, no filesystem, no HTML parsing, no clock.
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['undici', 'cheerio', 'node:fs', 'fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
    },
  },
);
