// Makes sure node_modules matches package-lock.json, running `npm ci` when it is missing or
// stale. Runs before anything is installed, so it uses Node built-ins only.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMain, repoRoot } from './common.mjs';

const STAMP = '.homi-install.json';

function lockHash(root) {
  return createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
}

/** Why node_modules needs (re)installing, or null when it is up to date. */
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

/** The names of the root package and its workspaces (`libs/*`-style patterns and plain folders). */
function ownPackageNames(root) {
  const read = (dir) => {
    try {
      return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      return {};
    }
  };
  const rootManifest = read(root);
  const dirs = (rootManifest.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
    const parent = path.join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((d) => path.join(parent, d)) : [];
  });
  return new Set([rootManifest.name, ...dirs.map((d) => read(d).name)].filter(Boolean));
}

/**
 * npm's output less its EBADENGINE warnings about HOMi's own packages (the root, which npm calls
 * `undefined`, and the workspaces): the first install on a clone runs on the machine's Node, not
 * the one package.json's engines name and npm installs, and npm warns once per workspace.
 * Warnings about other packages stay.
 */
export function withoutOwnEngineWarnings(output, root = repoRoot) {
  const own = ownPackageNames(root);
  let dropped = 0;
  const text = output.replace(/npm warn EBADENGINE Unsupported engine \{\n(?:npm warn EBADENGINE .*\n)*?npm warn EBADENGINE \}\n/g, (block) => {
    const pkg = /package: '?([^',\n]+)/.exec(block)?.[1] ?? '';
    if (pkg !== 'undefined' && !own.has(pkg.replace(/@[^@]*$/, ''))) return block;
    dropped += 1;
    return '';
  });
  return { text, dropped };
}

/** Installs dependencies when needed; npm's output goes to stderr. Throws when npm fails. */
export function ensureInstall({ root = repoRoot, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const reason = installReason(root);
  if (reason) {
    const hasLock = existsSync(path.join(root, 'package-lock.json'));
    const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
    log(`[install] ${reason}: running npm ${args[0]}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`could not run npm: ${result.error.message}`);
    const { text, dropped } = withoutOwnEngineWarnings(`${result.stdout}${result.stderr}`, root);
    process.stderr.write(text);
    if (dropped) log(`[install] npm ran on Node ${process.version}; ${dropped} EBADENGINE warnings for HOMi's own packages left out (they run on the Node npm just installed)`);
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
    process.stderr.write(`[install] ${err.message}\n`);
    process.exit(1);
  }
}
