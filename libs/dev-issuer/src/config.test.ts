import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it('defaults to port 3001 on 127.0.0.1 with issuer host localhost and no admin API', () => {
    expect(configFromEnv({})).toMatchObject({
      port: 3001, host: '127.0.0.1', publicHost: 'localhost', users: [], accessTokenTtlSeconds: 300, adminSecret: undefined,
    });
  });

  it('seeds users from DEV_ISSUER_USERS_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-issuer-config-'));
    const file = join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ id: 'usr_a', email: 'a@example.com', password: 'pw', roles: ['support'] }]));
    try {
      expect(configFromEnv({ DEV_ISSUER_USERS_FILE: file }).users).toEqual([
        { id: 'usr_a', email: 'a@example.com', password: 'pw', roles: ['support'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an invalid variable without echoing secret values', () => {
    expect(() => configFromEnv({ DEV_ISSUER_ADMIN_SECRET: 'short-secret' })).toThrow(/DEV_ISSUER_ADMIN_SECRET/);
    expect(() => configFromEnv({ DEV_ISSUER_ADMIN_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
