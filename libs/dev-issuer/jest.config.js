// Tests drive the built issuer as a child process (oidc-provider is ESM-only), so build it first.
module.exports = require('../../jest.preset.js')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
});
