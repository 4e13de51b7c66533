// Postgres TLS from the URL, libpq's way (ADR 39). The shared Postgres here speaks no TLS, so a
// verify-full URL must fail to connect rather than fall back to plain TCP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm, ensureDatabase, postgresTls } from './orm';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dir = mkdtempSync(join(tmpdir(), 'homi-pg-tls-'));
const ca = join(dir, 'ca.crt');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withParams = (params: string) => `${server}${server.includes('?') ? '&' : '?'}${params}`;

describe('postgresTls', () => {
  it('is off without sslmode or with sslmode=disable', () => {
    expect(postgresTls(server)).toBe(false);
    expect(postgresTls(withParams('sslmode=disable'))).toBe(false);
  });

  it('verifies the server with sslmode=verify-full, against the sslrootcert file when given', () => {
    expect(postgresTls(withParams('sslmode=verify-full'))).toEqual({ rejectUnauthorized: true, checkServerIdentity: expect.any(Function) });
    expect(postgresTls(withParams(`sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`))).toEqual({
      rejectUnauthorized: true,
      checkServerIdentity: expect.any(Function),
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
  });

  it.each(['require', 'prefer', 'allow', 'verify-ca'])('refuses sslmode=%s (encryption without knowing the server)', (mode) => {
    expect(() => postgresTls(withParams(`sslmode=${mode}`))).toThrow(/use sslmode=verify-full/);
  });

  it('makes the ORM and the database check ask for TLS (refused by a server without it), never plain TCP', async () => {
    const orm = await createOrm({ clientUrl: withParams('sslmode=verify-full'), entities: [], migrations: [] });
    try {
      await expect(orm.em.getConnection().execute('select 1')).rejects.toThrow(/does not support SSL/);
    } finally {
      await orm.close();
    }
    await expect(ensureDatabase(withParams('sslmode=verify-full').replace('/postgres?', '/homi_tls_never_created?'))).rejects.toThrow(/does not support SSL/);
    const plain = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    try {
      await expect(plain.em.getConnection().execute('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await plain.close();
    }
  });
});
