// kubernetes-models 5 and the packages it loads are ESM-only: a resolver asks for their `import`
// exports (jest-import-resolver.cjs), and swc turns them into CommonJS like the preset's ESM-only
// packages.
module.exports = require('../jest.preset.js')(__dirname, {
  testTimeout: 60000,
  esmOnly: ['kubernetes-models', '@kubernetes-models', 'is-cidr', 'cidr-regex'],
  resolver: '<rootDir>/jest-import-resolver.cjs',
});
