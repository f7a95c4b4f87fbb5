// ESLint flat config used ONLY by the scan benchmark (bench/scan/run.mjs) as the comparison point.
//
// It is deliberately minimal: the TypeScript parser without type information (no `project` /
// `projectService`, so no type checker is built) and eslint-plugin-security's recommended rules and
// nothing else. run.mjs invokes ESLint with `--no-config-lookup -c <this file>` so the repository's
// own eslint.config.js is never loaded.
import tsParser from '@typescript-eslint/parser';
import security from 'eslint-plugin-security';

export default [
  {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: {
        ecmaFeatures: { jsx: true },
      },
    },
    // Only the plugin's own recommended set: no eslint:recommended, no typescript-eslint rules.
    plugins: security.configs.recommended.plugins,
    rules: { ...security.configs.recommended.rules },
    linterOptions: {
      // The tree may contain `eslint-disable` comments for rules that are not loaded here.
      reportUnusedDisableDirectives: 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
];
