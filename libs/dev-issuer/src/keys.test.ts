import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKeys, publicJwks } from './keys';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-issuer-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrCreateSigningKeys', () => {
  it('writes a new key set readable only by its owner and loads the same keys next time', () => {
    const file = join(dir, 'keys.json');

    const created = loadOrCreateSigningKeys(file);
    const loaded = loadOrCreateSigningKeys(file);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loaded.keys[0]?.kid).toBe(created.keys[0]?.kid);
    expect(loaded.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });

  it('fails loudly on a file without a usable private key', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ keys: [{ kty: 'RSA', kid: 'x', n: 'abc', e: 'AQAB' }] }));

    expect(() => loadOrCreateSigningKeys(file)).toThrow('no private RSA signing key');
    expect(readFileSync(file, 'utf8')).toContain('"kid":"x"');
  });

  it('publishes only the public half', () => {
    const [jwk] = publicJwks(loadOrCreateSigningKeys()).keys;

    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: expect.any(String) });
    expect(jwk).not.toHaveProperty('d');
  });
});
