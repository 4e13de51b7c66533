import { signService, verifyService } from './service-auth';

describe('service credentials', () => {
  const secret = 'x'.repeat(40);
  it('verify for the signing service until they expire', () => {
    const now = Date.now();
    expect(verifyService(signService('tenant-data', secret, 60, now), secret, now)).toBe('tenant-data');
    expect(() => verifyService(signService('tenant-data', secret, 60, now), secret, now + 61_000)).toThrow(/Expired/);
  });
  it('refuse a forged name, a wrong secret and caller-context signatures', () => {
    const token = signService('tenant-data', secret);
    expect(() => verifyService(token.replace('tenant-data', 'identity'), secret)).toThrow(/Invalid/);
    expect(() => verifyService(token, 'y'.repeat(40))).toThrow(/Invalid/);
    expect(() => verifyService(undefined, secret)).toThrow(/Missing/);
  });
});
