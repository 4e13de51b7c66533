import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of a service's src/ (ADR 35): domain/ imports nothing of application/, infrastructure/,
// http/ or subscribers/; application/ takes ports and imports no infrastructure/, http/ or
// subscribers/. Enforced for the services already converted to the skeleton; identity, privacy and
// billing-integration join when they are (ADR 35 lists what remains).
const LAYERED = ['tenant-data'];
const inLayer = (layer) => LAYERED.map((service) => `services/${service}/src/${layer}/**/*.ts`);
const forbid = (layers, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${layers.join('|')})(/|$)`, message }] }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
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
