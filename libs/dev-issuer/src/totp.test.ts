import { decodeBase32, hotp, isBase32Secret, newTotpSecret, totpCode, verifyTotp } from './totp';

// RFC 6238 appendix B (SHA-1): the 20-byte ASCII key "12345678901234567890", 8-digit codes; the
// last six digits are what a 6-digit code is.
const RFC_KEY_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('decodes base32 to the RFC test key', () => {
    expect(decodeBase32(RFC_KEY_BASE32).toString('ascii')).toBe('12345678901234567890');
  });

  it.each(VECTORS)('gives the RFC code at %i s', (seconds, eight) => {
    expect(totpCode(RFC_KEY_BASE32, seconds * 1000)).toBe(eight.slice(2));
    expect(hotp(decodeBase32(RFC_KEY_BASE32), Math.floor(seconds / 30))).toBe(eight.slice(2));
  });

  it('accepts the code of the step before and after, and nothing further off', () => {
    const at = 1_700_000_000_000;
    expect(verifyTotp(RFC_KEY_BASE32, totpCode(RFC_KEY_BASE32, at - 30_000), at)).toBe(true);
    expect(verifyTotp(RFC_KEY_BASE32, totpCode(RFC_KEY_BASE32, at + 30_000), at)).toBe(true);
    expect(verifyTotp(RFC_KEY_BASE32, totpCode(RFC_KEY_BASE32, at - 90_000), at)).toBe(false);
    expect(verifyTotp(RFC_KEY_BASE32, '12345', at)).toBe(false);
    expect(verifyTotp(RFC_KEY_BASE32, '12345a', at)).toBe(false);
  });

  it('makes fresh 160-bit base32 secrets', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(isBase32Secret(secret)).toBe(true);
    expect(newTotpSecret()).not.toBe(secret);
    expect(isBase32Secret('not base32!')).toBe(false);
  });
});
