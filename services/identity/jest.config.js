// @keycloak/keycloak-admin-client and the packages it loads are ESM-only: swc turns them into
// CommonJS like the preset's ESM-only packages, so the Keycloak adapter runs under jest from its
// sources. The global setup builds the development issuer the tests spawn and asks once whether
// Docker answers (Keycloak).
const esmOnly = ['@keycloak', '@microsoft/kiota-[a-z-]+', 'camelize-ts', 'url-template'];

module.exports = require('../../jest.preset.js')(__dirname, {
  esmOnly,
  globalSetup: '<rootDir>/test/global-setup.ts',
});
