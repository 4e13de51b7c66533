// Prints the plain closing line CI reads: "tests: N passed, N failed, N skipped" — jest's counts
// plus those of the web app's vitest run when scripts/test.mjs ran it (HOMI_WEB_TEST_RESULTS names
// its JSON report), with the vitest share on a line of its own before it.
const { existsSync, readFileSync } = require('node:fs');

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/**
 * passed/failed/skipped of a vitest JSON report (jest's field names); a missing report counts as one failure.
 * @param {string | undefined} file
 * @returns {(Counts & { missing?: boolean }) | undefined}
 */
function readVitestCounts(file) {
  if (!file) return undefined;
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, missing: true };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests + (r.success === false && r.numFailedTests === 0 ? 1 : 0), skipped: r.numPendingTests + r.numTodoTests };
}

/**
 * @param {Counts} jest
 * @param {(Counts & { missing?: boolean }) | undefined} web
 */
function printSummary(jest, web) {
  const total = { ...jest };
  if (web) {
    process.stdout.write(
      web.missing
        ? '\nweb component tests (vitest) wrote no report: counted as 1 failed\n'
        : `\nweb component tests (vitest) in this total: ${web.passed} passed, ${web.failed} failed, ${web.skipped} skipped\n`,
    );
    total.passed += web.passed;
    total.failed += web.failed;
    total.skipped += web.skipped;
  }
  process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
}

/** The unit tier: tests beside the code in services/<name>/src (use cases on in-memory adapters, domain rules). */
const UNIT_TIER = /[\\/]services[\\/]([^\\/]+)[\\/]src[\\/].*\.test\.ts$/;

/**
 * One line on the unit tier's size and time, per service (issue 13 asks for both to be printed):
 * tests and files counted, time as jest measured each file (its runtime, not the start-up).
 * @param {import('@jest/reporters').AggregatedResult['testResults']} files
 */
function printUnitTier(files) {
  /** @type {Map<string, { tests: number, files: number, ms: number }>} */
  const byService = new Map();
  for (const file of files) {
    const service = UNIT_TIER.exec(file.testFilePath)?.[1];
    if (!service) continue;
    const s = byService.get(service) ?? { tests: 0, files: 0, ms: 0 };
    s.tests += file.numPassingTests + file.numFailingTests;
    s.files += 1;
    s.ms += file.perfStats.runtime;
    byService.set(service, s);
  }
  if (byService.size === 0) return;
  const all = [...byService.values()].reduce((a, s) => ({ tests: a.tests + s.tests, files: a.files + s.files, ms: a.ms + s.ms }), { tests: 0, files: 0, ms: 0 });
  const parts = [...byService.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => `${name} ${s.tests}`);
  process.stdout.write(`\nunit tier (services/*/src): ${all.tests} tests in ${all.files} files, ${(all.ms / 1000).toFixed(1)} s of test time (${parts.join(', ')})\n`);
}

/** @typedef {import('@jest/reporters').Reporter} Reporter */

/** @implements {Reporter} */
class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {import('@jest/reporters').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    printUnitTier(results.testResults);
    const jest = { passed: results.numPassedTests, failed: results.numFailedTests, skipped: results.numPendingTests + results.numTodoTests };
    printSummary(jest, readVitestCounts(process.env.HOMI_WEB_TEST_RESULTS));
  }
}
module.exports = SummaryReporter;
module.exports.printSummary = printSummary;
module.exports.readVitestCounts = readVitestCounts;
