// `npm run bench [-- name-filter]`: installs when needed, re-runs itself on the project's Node
// (project-node.mjs), builds, provides Postgres and NATS as
// `npm test` does, and runs every bench/*.bench.mjs under libs/* and services/*. Each file's
// default export (or `bench` export) is an async function given { databaseUrl, natsUrl, size }
// that returns rows (plain objects); they are printed as one table per file. `size` is 'full'
// here and 'tiny' when `npm test` runs every bench once so that a broken one fails CI.
// The run has a NATS namespace of its own (ADR 37), removed at the end with every stream, bucket
// and database left in it, so a bench leaves nothing on a shared server.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstall } from './ensure-install.mjs';
import { describeError, isMain, npx, repoRoot, runCommand, say } from './common.mjs';
import { useProjectNode } from './project-node.mjs';

const log = (/** @type {string} */ m) => say('bench', m);

/**
 * Every bench/*.bench.mjs under libs/* and services/*, in name order.
 * @returns {string[]}
 */
export function findBenchmarks(root = repoRoot) {
  const files = [];
  for (const group of ['libs', 'services']) {
    const groupDir = path.join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const workspace of readdirSync(groupDir).sort()) {
      const benchDir = path.join(groupDir, workspace, 'bench');
      if (!existsSync(benchDir)) continue;
      for (const file of readdirSync(benchDir).sort()) {
        if (file.endsWith('.bench.mjs')) files.push(path.join(benchDir, file));
      }
    }
  }
  return files;
}

/**
 * Rows as an aligned text table; columns are the union of the rows' keys, in first-seen order.
 * @param {Record<string, unknown>[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  if (!rows.length) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (/** @type {unknown} */ v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (/** @type {string[]} */ values) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

/**
 * Runs each bench file at `size` against the given servers, printing one table per file, in a NATS
 * namespace of its own (set before any bench loads @homi/contracts) that is removed afterwards.
 * @param {{ files: string[], size: 'full' | 'tiny', databaseUrl: string, natsUrl: string }} options
 * @returns {Promise<number>} how many benches failed
 */
export async function runBenchmarks({ files, size, databaseUrl, natsUrl }) {
  /** @type {typeof import('@homi/testing')} */
  const testing = await import('@homi/testing');
  const previous = process.env.HOMI_NATS_NAMESPACE;
  delete process.env.HOMI_NATS_NAMESPACE;
  const namespace = testing.claimTestNamespace();
  let failed = 0;
  try {
    for (const file of files) {
      const name = path.relative(repoRoot, file);
      log(`running ${name}${size === 'tiny' ? ' (tiny size)' : ''}`);
      try {
        const mod = await import(pathToFileURL(file).href);
        const run = mod.default ?? mod.bench;
        if (typeof run !== 'function') throw new Error('exports no function (default export or `bench`)');
        const rows = await run({ databaseUrl, natsUrl, size });
        process.stdout.write(`\n${name}\n${formatTable(Array.isArray(rows) ? rows : [rows])}\n`);
      } catch (err) {
        failed += 1;
        log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  } finally {
    await testing.removeTestNamespace(namespace, { natsUrl, databaseUrl }).catch((err) => log(`namespace ${namespace} not removed: ${describeError(err)}`));
    if (previous === undefined) delete process.env.HOMI_NATS_NAMESPACE;
    else process.env.HOMI_NATS_NAMESPACE = previous;
  }
  return failed;
}

async function main() {
  const filter = process.argv[2];
  ensureInstall();
  await useProjectNode('bench');
  const built = await runCommand(npx, ['turbo', 'run', 'build']);
  if (built !== 0) {
    log(`the build failed (exit code ${built})`);
    return built;
  }
  const files = findBenchmarks().filter((f) => !filter || path.relative(repoRoot, f).includes(filter));
  if (!files.length) {
    process.stdout.write(`no benchmarks found (bench/*.bench.mjs under libs/* and services/*${filter ? `, matching ${filter}` : ''})\n`);
    return 0;
  }

  const { ensureInfra } = await import('./local-infra.mjs');
  const infra = await ensureInfra({ purpose: 'test' });
  try {
    const failed = await runBenchmarks({ files, size: 'full', databaseUrl: infra.databaseUrl, natsUrl: infra.natsUrl });
    return failed ? 1 : 0;
  } finally {
    await infra.stop();
  }
}

if (isMain(import.meta)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      say('bench', describeError(err));
      process.exit(1);
    },
  );
}
