import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Built output and the JavaScript configuration files stay unlinted; the developer scripts
  // (scripts/, the @homi/scripts workspace, type-checked with checkJs) are linted as well.
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '!scripts/*.mjs', '!scripts/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The developer scripts run on Node itself (20 before npm ci, then the project's): ES modules,
    // apart from the jest reporter. They print with process.stdout/stderr.write, so no-console stays.
    files: ['scripts/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.nodeBuiltin },
  },
  {
    // jest loads reporters with require(): summary-reporter.js is CommonJS, so require() is its import.
    files: ['scripts/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
