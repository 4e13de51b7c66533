import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Resolves the same from src/ (ts under jest) and dist/ (compiled): both sit in the package root.
const packageRoot = resolve(__dirname, '..');
export const devIssuerMainPath = join(packageRoot, 'dist', 'main.js');

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => statSync(join(dir, f)).mtimeMs));
}

function isFresh(): boolean {
  return existsSync(devIssuerMainPath) && statSync(devIssuerMainPath).mtimeMs >= newestSource(join(packageRoot, 'src'));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Parallel jest projects may all find the build stale; one builds while the others wait.
function withLock(fn: () => void): void {
  const lock = join(tmpdir(), `homi-dev-issuer-${createHash('sha1').update(packageRoot).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleep(200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Compiles the package (tsc -p tsconfig.build.json) when dist/main.js is missing or older than src. */
export function ensureDevIssuerBuilt(): string {
  if (isFresh()) return devIssuerMainPath;
  withLock(() => {
    if (isFresh()) return;
    const tsc = require.resolve('typescript/bin/tsc', { paths: [packageRoot] });
    try {
      execFileSync(process.execPath, [tsc, '-p', join(packageRoot, 'tsconfig.build.json')], { cwd: packageRoot, stdio: 'pipe' });
    } catch (err) {
      const out = (err as { stdout?: Buffer }).stdout?.toString() ?? '';
      throw new Error(`building @homi/dev-issuer failed:\n${out}`, { cause: err });
    }
  });
  return devIssuerMainPath;
}
