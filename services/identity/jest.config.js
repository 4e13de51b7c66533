// @keycloak/keycloak-admin-client and the packages it loads are ESM-only: swc turns them into
// CommonJS like jose, so the Keycloak adapter runs under jest from its sources. The global setup
// builds the development issuer the tests spawn and asks once whether Docker answers (Keycloak).
const esmOnly = ['jose', '@keycloak', '@microsoft/kiota-[a-z-]+', 'camelize-ts', 'url-template'];

module.exports = require('../../jest.preset.js')(__dirname, {
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  globalSetup: '<rootDir>/test/global-setup.ts',
});
