// Postgres over TLS, verified (ADR 39): a Postgres of this test's own that admits TLS connections
// only, with a CA and server certificate made here by openssl. tenant-data creates and migrates its
// database over a verify-full URL; another CA, or a certificate for another host, is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { createLogger } from '@homi/service-kit';
import { findPostgresBin, startTlsPostgres, testCertificates, type TlsPostgres } from '@homi/testing';
import { readConfig } from '../src/config';
import { openDatabase } from '../src/service';

const logger = createLogger({ service: 'tenant-data', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const certs = testCertificates(mkdtempSync(join(tmpdir(), 'homi-pg-certs-')));
let pg: TlsPostgres | undefined;

const url = (host: string, ca: string, mode = 'verify-full') =>
  `postgres://postgres@${host}:${pg!.port}/postgres?sslmode=${mode}&sslrootcert=${encodeURIComponent(certs.file(`${ca}.crt`))}`;
const open = (databaseUrl: string) => openDatabase(readConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl }), logger);

beforeAll(async () => {
  certs.authority('homi-ca');
  certs.authority('other-ca');
  certs.server('postgres', 'homi-ca', ['localhost']);
  pg = await startTlsPostgres(certs.file('postgres.crt'), certs.file('postgres.key'));
}, 120_000);
afterAll(async () => {
  await pg?.stop();
  rmSync(certs.dir, { recursive: true, force: true });
});

(findPostgresBin() ? describe : describe.skip)('tenant-data on Postgres over TLS', () => {
  it('creates and migrates its database over a connection that verified the server, and uses it', async () => {
    const orm = await open(url('localhost', 'homi-ca'));
    try {
      const [row] = await orm.em.getConnection().execute<{ ssl: boolean; db: string }[]>(
        'select ssl, current_database() as db from pg_stat_ssl where pid = pg_backend_pid()',
      );
      expect(row).toEqual({ ssl: true, db: 'homi_tenant_data' });
      const [migrations] = await orm.em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from mikro_orm_migrations');
      expect(migrations?.n).toBeGreaterThan(0);
    } finally {
      await orm.close();
    }
  });

  it('refuses a server whose certificate another CA signed, or that names another host, and plain TCP is not admitted', async () => {
    await expect(open(url('localhost', 'other-ca'))).rejects.toThrow(/self[- ]signed|unable to (verify|get local issuer)/i);
    await expect(open(url('127.0.0.1', 'homi-ca'))).rejects.toThrow(/altnames|does not match/i);
    await expect(open(url('localhost', 'homi-ca', 'disable'))).rejects.toThrow(/no pg_hba.conf entry|no encryption/i);
    await expect(open(url('localhost', 'homi-ca', 'require'))).rejects.toThrow(/use sslmode=verify-full/);
  });
});
