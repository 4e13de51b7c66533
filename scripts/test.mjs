// `npm test [-- jest options]`: installs when needed, re-runs itself on the project's Node
// (project-node.mjs) and says which, builds, type-checks and lints every workspace (stopping at the
// first failure), runs the web app's component tests (vitest, in apps/web), provides Postgres and
// NATS (DATABASE_URL / NATS_URL when set, else an embedded Postgres and a nats-server child; see
// local-infra.mjs), runs the root jest over all projects with both URLs in its environment, stops
// what it started, and exits non-zero if either failed. The closing summary line counts both.
// Then, on the same servers, it runs every bench (scripts/bench.mjs) once at a tiny size, timing
// nothing, so that a bench that no longer runs fails the suite.
// Examples: npm test -- --selectProjects gateway (jest only), npm test -- --selectProjects web
// (vitest only), npm test -- --selectProjects web e2e, npm test -- --selectProjects bench.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureInstall } from './ensure-install.mjs';
import { describeError, maskUrl, npx, repoRoot, runCommand, say } from './common.mjs';
import { useProjectNode } from './project-node.mjs';
import { printSummary, readVitestCounts } from './summary-reporter.js';

const log = (/** @type {string} */ m) => say('test', m);
const WEB = 'web';
const BENCH = 'bench';

/**
 * Which of the web app's vitest run, jest's projects and the tiny bench run the arguments ask for.
 * @param {string[]} args
 * @returns {{ web: boolean, jest: boolean, bench: boolean, jestArgs: string[] }}
 */
function selection(args) {
  const at = args.indexOf('--selectProjects');
  if (at < 0) return { web: args.length === 0, jest: true, bench: args.length === 0, jestArgs: args };
  let end = at + 1;
  while (end < args.length && !args[end]?.startsWith('-')) end++;
  const named = args.slice(at + 1, end);
  const others = named.filter((p) => p !== WEB && p !== BENCH);
  const jestArgs = others.length ? [...args.slice(0, at + 1), ...others, ...args.slice(end)] : [];
  return { web: named.includes(WEB), jest: others.length > 0, bench: named.includes(BENCH), jestArgs };
}

/**
 * Every bench once at its tiny size on the given servers: proves each still runs, times nothing.
 * @param {{ databaseUrl: string, natsUrl: string }} servers
 * @returns {Promise<number>} the exit code: 1 when a bench failed
 */
async function runBenchesTiny(servers) {
  const { findBenchmarks, runBenchmarks } = await import('./bench.mjs');
  log('every bench once at a tiny size (scripts/bench.mjs)');
  const failed = await runBenchmarks({ files: findBenchmarks(), size: 'tiny', ...servers });
  log(failed ? `${failed} bench(es) failed` : 'every bench ran');
  return failed ? 1 : 0;
}

/**
 * Vitest over apps/web; its counts go to a JSON file the jest summary adds in.
 * @param {string} resultsFile
 */
async function runWebTests(resultsFile) {
  rmSync(resultsFile, { force: true });
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  log('web component tests (vitest, apps/web)');
  return runCommand(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${resultsFile}`], {
    cwd: path.join(repoRoot, 'apps', 'web'),
  });
}

async function main() {
  ensureInstall();
  await useProjectNode('test');
  const checked = await runCommand(npx, ['turbo', 'run', 'build', 'typecheck', 'lint']);
  if (checked !== 0) {
    log(`build, typecheck or lint failed (exit code ${checked}); no tests were run`);
    return checked;
  }

  const wanted = selection(process.argv.slice(2));
  const webResults = path.join(repoRoot, '.homi', 'test', 'web-vitest.json');
  const webCode = wanted.web ? await runWebTests(webResults) : 0;
  if (!wanted.jest && !wanted.bench) {
    printSummary({ passed: 0, failed: 0, skipped: 0 }, readVitestCounts(webResults));
    return webCode;
  }

  const { ensureInfra } = await import('./local-infra.mjs');
  const infra = await ensureInfra({ purpose: 'test' });
  infra.exited.then((message) => log(`${message}; the tests running now will fail`));
  log(`jest runs against Postgres ${maskUrl(infra.databaseUrl)} and NATS ${maskUrl(infra.natsUrl)}`);
  try {
    const jestCode = wanted.jest
      ? await runCommand(npx, ['jest', ...wanted.jestArgs], {
          env: {
            ...process.env,
            DATABASE_URL: infra.databaseUrl,
            NATS_URL: infra.natsUrl,
            ...(wanted.web ? { HOMI_WEB_TEST_RESULTS: webResults } : {}),
          },
        })
      : 0;
    const benchCode = wanted.bench ? await runBenchesTiny({ databaseUrl: infra.databaseUrl, natsUrl: infra.natsUrl }) : 0;
    return jestCode || webCode || benchCode;
  } finally {
    await infra.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(describeError(err));
    process.exit(1);
  },
);
