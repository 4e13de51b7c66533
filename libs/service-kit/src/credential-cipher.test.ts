import { CredentialCipher } from './credential-cipher';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('CredentialCipher', () => {
  it('seals with a fresh IV each time and opens only for the same owner', () => {
    const cipher = new CredentialCipher(k1);
    const a = cipher.seal('fs-secret-key', 'ten_a');
    const b = cipher.seal('fs-secret-key', 'ten_a');
    expect(a.value).not.toBe(b.value);
    expect(a.value).not.toContain('fs-secret-key');
    expect(cipher.open(a, 'ten_a')).toBe('fs-secret-key');
    expect(() => cipher.open(a, 'ten_b')).toThrow();
  });

  it('refuses a tampered value', () => {
    const cipher = new CredentialCipher(k1);
    const sealed = cipher.seal('fs-secret-key', 'ten_a');
    const [iv, ct, tag] = sealed.value.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.open({ ...sealed, value: [iv, flipped.toString('base64url'), tag].join('.') }, 'ten_a')).toThrow();
  });

  it('refuses a value whose GCM tag was cut short, which would make a forgery far cheaper', () => {
    const cipher = new CredentialCipher(k1);
    const sealed = cipher.seal('fs-secret-key', 'ten_a');
    const [iv, ct, tag] = sealed.value.split('.');
    for (const bytes of [4, 8, 12, 15]) {
      const short = Buffer.from(tag!, 'base64url').subarray(0, bytes).toString('base64url');
      expect(() => cipher.open({ ...sealed, value: [iv, ct, short].join('.') }, 'ten_a')).toThrow(/malformed/);
    }
  });

  it('opens values of a previous key after rotation and seals under the new one', () => {
    const old = new CredentialCipher(k1).seal('fs-secret-key', 'ten_a');
    const rotated = new CredentialCipher(k2, [k1]);
    expect(rotated.open(old, 'ten_a')).toBe('fs-secret-key');
    expect(rotated.seal('x', 'ten_a').keyId).toBe('k2');
    expect(() => new CredentialCipher(k2).open(old, 'ten_a')).toThrow(/no credentials key/);
  });
});
