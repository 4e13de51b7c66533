import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { spawnDevIssuer } from '../src';
import { alice, headerOf, passwordLogin } from './helpers';

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
