import { ConfigError } from '@homi/service-kit';
import { readConfig } from './config';

const base = {
  OIDC_ISSUER_URL: 'http://localhost:3001/realms/homi/',
  TENANT_DATA_URL: 'http://localhost:3010',
  IDENTITY_URL: 'http://localhost:3020',
  PRIVACY_URL: 'http://localhost:3040',
};

describe('gateway config', () => {
  it('fills the documented defaults', () => {
    const config = readConfig({ ...base });
    expect(config).toMatchObject({
      PORT: 3000,
      OIDC_AUDIENCE: 'homi-gateway',
      OIDC_ISSUER_URL: 'http://localhost:3001/realms/homi',
      RATE_LIMIT_PER_MINUTE: 600,
      MEMBERSHIPS_BUCKET: 'homi_memberships',
      USERS_BUCKET: 'homi_users',
      SIGNUP_RATE_LIMIT_PER_HOUR: 10,
      IDENTITY_URL: 'http://localhost:3020',
      PRIVACY_URL: 'http://localhost:3040',
    });
    expect(config.OIDC_JWKS_URL).toBeUndefined();
    expect(config.INTERNAL_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('requires INTERNAL_AUTH_SECRET in production and at least 32 characters anywhere', () => {
    expect(() => readConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readConfig({ ...base, INTERNAL_AUTH_SECRET: 'short' })).toThrow(/INTERNAL_AUTH_SECRET/);
    expect(readConfig({ ...base, NODE_ENV: 'production', INTERNAL_AUTH_SECRET: 's'.repeat(32) }).INTERNAL_AUTH_SECRET).toBe('s'.repeat(32));
  });

  it('requires the issuer, tenant-data, identity and privacy URLs, names the fields but never echoes values', () => {
    try {
      readConfig({ INTERNAL_AUTH_SECRET: 'x' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toMatch(/OIDC_ISSUER_URL/);
      expect(message).toMatch(/TENANT_DATA_URL/);
      expect(message).toMatch(/IDENTITY_URL/);
      expect(message).toMatch(/PRIVACY_URL/);
    }
  });

  it('refuses a sign-up limit that is not a positive whole number and a bucket name NATS would misread', () => {
    expect(readConfig({ ...base, SIGNUP_RATE_LIMIT_PER_HOUR: '3' }).SIGNUP_RATE_LIMIT_PER_HOUR).toBe(3);
    expect(() => readConfig({ ...base, SIGNUP_RATE_LIMIT_PER_HOUR: '0' })).toThrow(/SIGNUP_RATE_LIMIT_PER_HOUR/);
    expect(() => readConfig({ ...base, USERS_BUCKET: 'homi.users' })).toThrow(/USERS_BUCKET/);
  });
});
