// One jest run over every workspace, so the whole suite shares one worker pool and prints one summary.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/services/*/jest.config.js', '<rootDir>/e2e/jest.config.js', '<rootDir>/deploy/jest.config.js'],
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  maxWorkers: 2,
  // jest-circus takes the timeout from the global config only: the presets' testTimeout applies when a
  // workspace runs alone, and without this a root run gives every hook (a service start) 5 s.
  testTimeout: 30000,
};
