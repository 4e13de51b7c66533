import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devIssuerMainPath } from '../src';
import { alice, passwordLogin } from './helpers';

describe('node dist/main.js', () => {
  it('logs its issuer as one JSON line, never a password or token, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-issuer-main-'));
    const usersFile = join(dir, 'users.json');
    writeFileSync(usersFile, JSON.stringify([alice]));
    const child = spawn(process.execPath, [devIssuerMainPath], {
      env: { ...process.env, DEV_ISSUER_PORT: '0', DEV_ISSUER_USERS_FILE: usersFile, DEV_ISSUER_ADMIN_SECRET: 'a-very-secret-admin-secret' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const issuer = await new Promise<string>((resolve) => {
        child.stdout.on('data', () => {
          const match = /"issuer":"([^"]+)"/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
      });
      const ok = await passwordLogin(issuer, alice.email, alice.password);
      await passwordLogin(issuer, alice.email, 'wrong-password-123');
      child.kill('SIGTERM');

      expect(await exit).toBe(0);
      const listening = out.split('\n').map((l) => (l.startsWith('{') ? JSON.parse(l) : undefined)).find((e) => e?.event === 'listening');
      expect(listening).toMatchObject({ event: 'listening', issuer, users: 1 });
      for (const secret of [alice.password, 'wrong-password-123', 'a-very-secret-admin-secret', String(ok.body.access_token), String(ok.body.refresh_token)]) {
        expect(out).not.toContain(secret);
      }
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on an invalid port and names the variable', async () => {
    const child = spawn(process.execPath, [devIssuerMainPath], { env: { ...process.env, DEV_ISSUER_PORT: 'eighty' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));

    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(code).toBe(1);
    expect(out).toContain('DEV_ISSUER_PORT');
  });
});
