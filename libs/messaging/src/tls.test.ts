// NATS over TLS, verified (ADR 39): a nats-server of this test's own with a CA and a server
// certificate generated here by openssl; connectNats verifies the server against that CA, and a
// client without it (or with another CA, or a certificate for another host) is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, startPrivateNatsServer, testCertificates, type PrivateNatsServer } from '@homi/testing';
import { connectNats } from './connect';
import { natsTlsFromEnv } from './tls';

const natsServer = findNatsServer();
const certs = testCertificates(mkdtempSync(join(tmpdir(), 'homi-nats-tls-')));
const file = certs.file;

const servers: PrivateNatsServer[] = [];
async function startTlsServer(cert: string): Promise<string> {
  const server = await startPrivateNatsServer({ args: ['--tls', '--tlscert', file(`${cert}.crt`), '--tlskey', file(`${cert}.key`)] });
  servers.push(server);
  return `tls://localhost:${new URL(server.url).port}`;
}

let url: string;
let wrongHostUrl: string;
beforeAll(async () => {
  certs.authority('homi-ca');
  certs.authority('other-ca');
  certs.server('nats', 'homi-ca', ['localhost', '127.0.0.1']);
  certs.server('elsewhere', 'homi-ca', ['nats.elsewhere.example']);
  url = await startTlsServer('nats');
  wrongHostUrl = await startTlsServer('elsewhere');
});
afterAll(async () => {
  for (const server of servers) await server.dispose();
  rmSync(certs.dir, { recursive: true, force: true });
});

const refused = (promise: Promise<{ close(): Promise<void> }>) =>
  promise.then(async (nc) => { await nc.close(); return 'connected'; }, (err: Error) => err.message);

(natsServer ? describe : describe.skip)('NATS over TLS', () => {
  it('connects, verifying the server against the CA from NATS_TLS_CA_FILE, and carries messages', async () => {
    const tls = natsTlsFromEnv({ NATS_TLS_CA_FILE: file('homi-ca.crt') });
    const nc = await connectNats({ url, name: 'tls-test', tls });
    try {
      const sub = nc.subscribe('tls.test', { max: 1 });
      nc.publish('tls.test', 'over tls');
      for await (const m of sub) expect(m.string()).toBe('over tls');
      expect(nc.info?.tls_required).toBe(true);
    } finally {
      await nc.close();
    }
  });

  it('takes the CA from the environment when connectNats is given none', async () => {
    const before = process.env.NATS_TLS_CA_FILE;
    process.env.NATS_TLS_CA_FILE = file('homi-ca.crt');
    try {
      expect(await refused(connectNats({ url, name: 'tls-env' }))).toBe('connected');
    } finally {
      if (before === undefined) delete process.env.NATS_TLS_CA_FILE;
      else process.env.NATS_TLS_CA_FILE = before;
    }
  });

  it('is refused without the CA (the system CAs do not know it), with another CA, and for a certificate of another host', async () => {
    expect(process.env.NATS_TLS_CA_FILE).toBeUndefined();
    expect(await refused(connectNats({ url, name: 'no-ca' }))).toMatch(/self[- ]signed|unable to (verify|get local issuer)/i);
    expect(await refused(connectNats({ url, name: 'system-cas', tls: natsTlsFromEnv({ NATS_TLS: 'true' }) }))).toMatch(/self[- ]signed|unable to (verify|get local issuer)/i);
    expect(await refused(connectNats({ url, name: 'other-ca', tls: { caFile: file('other-ca.crt') } }))).toMatch(/self[- ]signed|unable to (verify|get local issuer)/i);
    expect(await refused(connectNats({ url: wrongHostUrl, name: 'wrong-host', tls: { caFile: file('homi-ca.crt') } }))).toMatch(/altnames|does not match/i);
    const byIp = wrongHostUrl.replace('localhost', '127.0.0.1');
    expect(await refused(connectNats({ url: byIp, name: 'wrong-ip', tls: { caFile: file('homi-ca.crt') } }))).toMatch(/altnames|does not match/i);
  });

  it('reads nothing when no TLS setting is given, and refuses half a client certificate or a missing file', () => {
    expect(natsTlsFromEnv({})).toBeUndefined();
    expect(() => natsTlsFromEnv({ NATS_TLS_CERT_FILE: file('nats.crt') })).toThrow(/NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE/);
    expect(() => natsTlsFromEnv({ NATS_TLS_CA_FILE: file('missing.crt') })).toThrow('NATS_TLS_CA_FILE names a file that does not exist');
    expect(natsTlsFromEnv({ NATS_TLS_CA_FILE: file('homi-ca.crt') })).toEqual({ caFile: file('homi-ca.crt') });
  });
});
