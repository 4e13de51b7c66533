import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureDevIssuerBuilt } from './build';
import type { DevUser } from './types';

export interface SpawnDevIssuerOptions {
  /** Default 0: a free port. */
  port?: number;
  users?: DevUser[];
  /** Default: a random secret, returned in the handle. */
  adminSecret?: string;
  keysFile?: string;
  /** Accounts survive a restart of the issuer when kept here (see UserStore). */
  stateFile?: string;
  accessTokenTtlSeconds?: number;
  /** Origins serving the web application (homi-web's callbacks and post-logout URIs); default localhost:3000 and :5173. */
  webOrigins?: string[];
  /** Default 20 s. */
  startTimeoutMs?: number;
  /** Where verification mails go (an `smtp://` URL, e.g. a mail catcher's); none without it. */
  smtpUrl?: string;
}

export interface SpawnedDevIssuer {
  issuer: string;
  url: string;
  adminSecret: string;
  stop(): Promise<void>;
}

/** Runs the built issuer (dist/main.js) as a child process and resolves once its discovery document answers. */
export async function spawnDevIssuer(options: SpawnDevIssuerOptions = {}): Promise<SpawnedDevIssuer> {
  const main = ensureDevIssuerBuilt();
  const adminSecret = options.adminSecret ?? randomBytes(24).toString('base64url');
  // Users go through a private file, not argv or env, so their passwords stay out of `ps`.
  const dir = mkdtempSync(join(tmpdir(), 'homi-dev-issuer-'));
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify(options.users ?? []), { mode: 0o600 });

  const child = spawn(process.execPath, [main], {
    env: {
      // Only what this call asks for: no DEV_ISSUER_* leaking in from the caller's environment.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DEV_ISSUER_'))),
      DEV_ISSUER_PORT: String(options.port ?? 0),
      DEV_ISSUER_USERS_FILE: usersFile,
      DEV_ISSUER_ADMIN_SECRET: adminSecret,
      DEV_ISSUER_ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds ?? 300),
      DEV_ISSUER_STOP_WITH_PARENT: '1',
      ...(options.keysFile ? { DEV_ISSUER_KEYS_FILE: options.keysFile } : {}),
      ...(options.stateFile ? { DEV_ISSUER_STATE_FILE: options.stateFile } : {}),
      ...(options.webOrigins ? { DEV_ISSUER_WEB_ORIGINS: options.webOrigins.join(',') } : {}),
      ...(options.smtpUrl ? { DEV_ISSUER_SMTP_URL: options.smtpUrl } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const remember = (line: string) => output.push(line) > 40 && output.shift();
  createInterface({ input: child.stderr }).on('line', remember);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const issuer = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error('timed out')), options.startTimeoutMs ?? 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        remember(line);
        const event = parseEvent(line);
        if (event?.event === 'listening' && typeof event.issuer === 'string') {
          clearTimeout(timer);
          ready(event.issuer);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`exited early (${signal ?? code})`));
      });
    });
    await waitForDiscovery(issuer);
    rmSync(dir, { recursive: true, force: true });
    // A test that forgets stop() must not keep jest alive; the child exits when our stdin pipe closes.
    child.unref();
    [child.stdin, child.stdout, child.stderr].forEach((s) => (s as unknown as { unref?: () => void }).unref?.());
    return { issuer, url: new URL(issuer).origin, adminSecret, stop };
  } catch (err) {
    await stop();
    throw new Error(`dev issuer did not start: ${(err as Error).message}\n${output.join('\n')}`, { cause: err });
  }
}

function parseEvent(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function waitForDiscovery(issuer: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => undefined);
    if (res?.ok) return;
    if (attempt >= 50) throw new Error(`discovery did not answer (${res?.status ?? 'no connection'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
