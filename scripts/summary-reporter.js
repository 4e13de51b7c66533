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

/** @typedef {import('@jest/reporters').Reporter} Reporter */

/** @implements {Reporter} */
class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {import('@jest/reporters').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const jest = { passed: results.numPassedTests, failed: results.numFailedTests, skipped: results.numPendingTests + results.numTodoTests };
    printSummary(jest, readVitestCounts(process.env.HOMI_WEB_TEST_RESULTS));
  }
}
module.exports = SummaryReporter;
module.exports.printSummary = printSummary;
module.exports.readVitestCounts = readVitestCounts;
