import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { spawnDevIssuer } from '../src';
import { adminToken, alice, headerOf, passwordLogin } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-issuer-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('signing keys', () => {
  it('survive a restart when keysFile is set, so earlier tokens still verify', async () => {
    const keysFile = join(dir, 'nested', 'keys.json');
    const first = await spawnDevIssuer({ users: [alice], keysFile });
    const { body } = await passwordLogin(first.issuer, alice.email, alice.password);
    const port = new URL(first.issuer).port;
    await first.stop();

    const second = await spawnDevIssuer({ port: Number(port), keysFile });
    try {
      const jwks = createRemoteJWKSet(new URL(`${second.issuer}/protocol/openid-connect/certs`));
      const { payload } = await jwtVerify(String(body.access_token), jwks, { issuer: second.issuer, audience: 'homi-gateway' });
      expect(payload.sub).toBe(alice.id);
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  });

  it('are new on every start without keysFile', async () => {
    const kids: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const idp = await spawnDevIssuer({ users: [alice] });
      const { body } = await passwordLogin(idp.issuer, alice.email, alice.password);
      kids.push(headerOf(body.access_token).kid);
      await idp.stop();
    }

    expect(kids[0]).not.toBe(kids[1]);
  });
});

describe('accounts', () => {
  it('created through the admin API survive a restart when stateFile is set, without their password in it', async () => {
    const stateFile = join(dir, 'users.json');
    const first = await spawnDevIssuer({ stateFile });
    const token = await adminToken(first.issuer, first.adminSecret);
    const created = await fetch(`${first.url}/admin/realms/homi/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kept@example.nl', enabled: true, credentials: [{ type: 'password', value: 'a long enough secret 1', temporary: false }] }),
    });
    expect(created.status).toBe(201);
    const port = new URL(first.issuer).port;
    await first.stop();
    expect(readFileSync(stateFile, 'utf8')).not.toContain('a long enough secret 1');

    const second = await spawnDevIssuer({ port: Number(port), stateFile });
    try {
      const { status } = await passwordLogin(second.issuer, 'kept@example.nl', 'a long enough secret 1');
      expect(status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
