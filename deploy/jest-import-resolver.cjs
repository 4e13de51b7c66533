// jest resolves packages with the `require` condition; kubernetes-models 5 and its @kubernetes-models
// packages export their (ES module) files under `import` alone, so for them `import` is asked too.
// swc then turns those files into CommonJS (the esmOnly list in deploy/jest.config.js).
const IMPORT_ONLY = /^(kubernetes-models|@kubernetes-models\/[a-z-]+)(\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(request, IMPORT_ONLY.test(request) ? { ...options, conditions: [...(options.conditions ?? []), 'import'] } : options);
