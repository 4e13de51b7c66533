// A Node child process for `npm start`: its output prefixed line by line with its name, in its
// own process group (a terminal's Ctrl+C reaches only `npm start`, which stops children in order).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exitOf, repoRoot, signalOnExit, terminate } from './common.mjs';

const COLORS = [36, 35, 33, 32, 34, 31];
const WIDTH = 11;
let started = 0;

/**
 * @typedef {object} Child
 * @property {string} name
 * @property {Promise<import('./common.mjs').Exit>} exited resolves when the process ends
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL after graceMs; resolves once it has ended
 */

/**
 * Starts `node ...args`; `exited` resolves with { code, signal }; stop() sends SIGTERM, then SIGKILL after graceMs.
 * @param {{ name: string, args: string[], env: NodeJS.ProcessEnv, graceMs?: number }} options
 * @returns {Child}
 */
export function startChild({ name, args, env, graceMs = 15_000 }) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin.on('error', () => undefined); // the pipe is only there to close when we die
  const color = COLORS[started++ % COLORS.length];
  const label = name.padEnd(WIDTH);
  const prefix = (/** @type {NodeJS.WriteStream} */ stream) => (stream.isTTY && !process.env.NO_COLOR ? `\x1b[${color}m${label} |\x1b[0m ` : `${label} | `);
  createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(prefix(process.stdout) + line + '\n'));
  createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(prefix(process.stderr) + line + '\n'));
  child.on('error', (err) => process.stderr.write(`${prefix(process.stderr)}could not start: ${err.message}\n`));

  const exited = exitOf(child);
  exited.then(signalOnExit(child));
  /** @type {Promise<void> | undefined} */
  let stopped;
  return {
    name,
    exited,
    stop: () => (stopped ??= terminate(child, 'SIGTERM', graceMs)),
  };
}
