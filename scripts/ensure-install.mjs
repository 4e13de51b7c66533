// Makes sure node_modules matches package-lock.json, running `npm ci` when it is missing or
// stale. Runs before anything is installed, so it uses Node built-ins only.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMain, messageOf, repoRoot } from './common.mjs';

const STAMP = '.homi-install.json';

/** @param {string} root */
function lockHash(root) {
  return createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
}

/**
 * Why node_modules needs (re)installing, or null when it is up to date.
 * @returns {string | null}
 */
export function installReason(root = repoRoot) {
  const modules = path.join(root, 'node_modules');
  const lock = path.join(root, 'package-lock.json');
  const hidden = path.join(modules, '.package-lock.json');
  if (!existsSync(modules)) return 'node_modules is missing';
  if (!existsSync(lock)) return 'package-lock.json is missing';
  if (!existsSync(hidden)) return 'node_modules was not installed by npm (no node_modules/.package-lock.json)';
  try {
    const stamp = JSON.parse(readFileSync(path.join(modules, STAMP), 'utf8'));
    if (stamp.lockHash === lockHash(root)) return null;
  } catch {
    // no stamp yet: fall back to comparing times
  }
  // npm rewrites its hidden lockfile on every install; older than the lockfile means stale.
  if (statSync(hidden).mtimeMs + 1 < statSync(lock).mtimeMs) return 'package-lock.json changed since the last install';
  return null;
}

/**
 * npm's output less the EBADENGINE warnings that the project's Node, just installed at
 * node_modules/.bin/node, satisfies: the first install on a clone runs npm on the machine's Node,
 * which warns for HOMi's own packages and every dependency that needs a newer Node, although none
 * of them will run on it. Warnings that the project's Node would get too stay. Without that Node or
 * npm's `semver` in node_modules, nothing is left out.
 * @param {string} output
 * @returns {{ text: string, dropped: number, version?: string }}
 */
export function withoutSatisfiedEngineWarnings(output, root = repoRoot) {
  /** @type {(range: string) => boolean} */
  let satisfies;
  /** @type {string | undefined} */
  let version;
  try {
    const semver = createRequire(path.join(root, 'package.json'))('semver');
    version = spawnSync(path.join(root, 'node_modules', '.bin', 'node'), ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    if (!semver.valid(version)) return { text: output, dropped: 0 };
    satisfies = (range) => semver.satisfies(version, range);
  } catch {
    return { text: output, dropped: 0 };
  }
  let dropped = 0;
  const text = output.replace(/npm warn EBADENGINE Unsupported engine \{\n(?:npm warn EBADENGINE .*\n)*?npm warn EBADENGINE \}\n/g, (block) => {
    const range = /required: \{[^}]*\bnode: '([^']+)'/.exec(block)?.[1];
    if (!range || !satisfies(range)) return block;
    dropped += 1;
    return '';
  });
  return { text, dropped, version };
}

/**
 * Installs dependencies when needed; npm's output goes to stderr. Throws when npm fails.
 * @param {{ root?: string, log?: (message: string) => void }} [options]
 */
export function ensureInstall({ root = repoRoot, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const reason = installReason(root);
  if (reason) {
    const hasLock = existsSync(path.join(root, 'package-lock.json'));
    const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
    log(`[install] ${reason}: running npm ${args[0]}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`could not run npm: ${result.error.message}`);
    const { text, dropped, version } = withoutSatisfiedEngineWarnings(`${result.stderr}${result.stdout}`, root);
    process.stderr.write(text);
    if (dropped) log(`[install] npm ran on Node ${process.version}: ${dropped} EBADENGINE warnings left out, as HOMi's Node ${version}, which it installed, satisfies them`);
    if (result.status !== 0) throw new Error(`npm ${args[0]} failed with exit code ${result.status}`);
  }
  if (existsSync(path.join(root, 'package-lock.json')) && existsSync(path.join(root, 'node_modules'))) {
    writeFileSync(path.join(root, 'node_modules', STAMP), JSON.stringify({ lockHash: lockHash(root) }) + '\n');
  }
  return { installed: Boolean(reason) };
}

if (isMain(import.meta)) {
  try {
    ensureInstall();
  } catch (err) {
    process.stderr.write(`[install] ${messageOf(err)}\n`);
    process.exit(1);
  }
}
