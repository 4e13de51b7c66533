import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of a service's src/ (ADR 35): domain/ imports nothing of application/, infrastructure/,
// http/ or subscribers/; application/ takes ports and imports no infrastructure/, http/ or
// subscribers/. Enforced for the services already converted to the skeleton (the gateway was built
// so); identity and privacy join when they are (ADR 35 lists what remains).
const LAYERED = ['tenant-data', 'gateway', 'billing-integration', 'privacy', 'helpdesk'];
const inLayer = (layer) => LAYERED.map((service) => `services/${service}/src/${layer}/**/*.ts`);
const forbid = (layers, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${layers.join('|')})(/|$)`, message }] }],
});

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
  {
    files: inLayer('domain'),
    rules: forbid(['application', 'infrastructure', 'http', 'subscribers'], 'domain/ holds entities and rules without I/O: it imports no other layer (ADR 35).'),
  },
  {
    files: inLayer('application'),
    rules: forbid(['infrastructure', 'http', 'subscribers'], 'use cases take ports (application/ports.ts), never an adapter (ADR 35).'),
  },
);
