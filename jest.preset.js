// Shared jest settings: TypeScript through swc, workspace libs mapped to their sources
// (tests never need a build), and the ESM-only packages (jose, MikroORM 7 and its kysely) transformed
// to CommonJS.
const path = require('node:path');

/** Packages that ship only ES modules; a workspace with more passes them as `esmOnly`. */
const ESM_ONLY = ['jose', '@mikro-orm', 'kysely'];

function preset(dir, { esmOnly = [], ...overrides } = {}) {
  return {
    rootDir: dir,
    displayName: path.basename(dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j|mj)s$': [
        require.resolve('@swc/jest'),
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${[...ESM_ONLY, ...esmOnly].join('|')})/)`],
    moduleNameMapper: {
      '^@homi/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/index.ts'),
      '^@homi/([a-z-]+)/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/$2.ts'),
    },
    testTimeout: 30000,
    // The run's own NATS namespace, and its removal at the end (ADR 37); a project with a setup of
    // its own calls libs/testing/jest/global-setup.ts from it.
    globalSetup: path.join(__dirname, 'libs/testing/jest/global-setup.ts'),
    globalTeardown: path.join(__dirname, 'libs/testing/jest/global-teardown.ts'),
    ...overrides,
  };
}

module.exports = preset;
