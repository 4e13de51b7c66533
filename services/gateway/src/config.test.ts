import { natsName } from '@homi/contracts';
import { ConfigError, generateServiceKeyEnv } from '@homi/service-kit';
import { readConfig } from './config';

const generated = generateServiceKeyEnv(['gateway']);
const keys = { ...generated.signing.gateway, SERVICE_TRUSTED_KEYS: generated.trusted };
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
      MEMBERSHIPS_BUCKET: natsName.bucket('homi_memberships'),
      USERS_BUCKET: natsName.bucket('homi_users'),
      SIGNUP_RATE_LIMIT_PER_HOUR: 10,
      IDENTITY_URL: 'http://localhost:3020',
      PRIVACY_URL: 'http://localhost:3040',
    });
    expect(config.OIDC_JWKS_URL).toBeUndefined();
    expect(config.SERVICE_KEYS.signing.kid).toBe('gateway-dev');
  });

  it('requires its signing key and the trusted keys in production, and refuses a malformed key anywhere', () => {
    expect(() => readConfig({ ...base, NODE_ENV: 'production' })).toThrow(/GATEWAY_SIGNING_KEY: required in production/);
    expect(() => readConfig({ ...base, GATEWAY_SIGNING_KEY: 'short' })).toThrow(/GATEWAY_SIGNING_KEY/);
    const production = { ...base, NODE_ENV: 'production', BILLING_INTEGRATION_URL: 'http://billing:3030', HELPDESK_URL: 'http://helpdesk:3060', ...keys };
    expect(readConfig(production).SERVICE_KEYS.signing.kid).toBe('gateway-1');
  });

  it('requires BILLING_INTEGRATION_URL in production only; npm start\'s port otherwise', () => {
    expect(() => readConfig({ ...base, NODE_ENV: 'production', ...keys })).toThrow(/BILLING_INTEGRATION_URL/);
    expect(readConfig({ ...base }).BILLING_INTEGRATION_URL).toBe('http://localhost:3030');
  });

  it('requires HELPDESK_URL in production only; npm start\'s port otherwise', () => {
    const production = { ...base, NODE_ENV: 'production', BILLING_INTEGRATION_URL: 'http://billing:3030', ...keys };
    expect(() => readConfig(production)).toThrow(/HELPDESK_URL/);
    expect(readConfig({ ...production, HELPDESK_URL: 'http://helpdesk:3060' }).HELPDESK_URL).toBe('http://helpdesk:3060');
    expect(readConfig({ ...base }).HELPDESK_URL).toBe('http://localhost:3060');
  });

  it('defaults support step-up to a level-2 login at most 15 minutes old, and parses a list of acr values', () => {
    expect(readConfig({ ...base })).toMatchObject({
      SUPPORT_MFA_MAX_AGE_SECONDS: 900, SUPPORT_MFA_ACR_VALUES: ['2'], SUPPORT_GRANTS_BUCKET: natsName.bucket('homi_support_grants'),
    });
    expect(readConfig({ ...base, SUPPORT_MFA_ACR_VALUES: 'gold, 2' }).SUPPORT_MFA_ACR_VALUES).toEqual(['gold', '2']);
    expect(() => readConfig({ ...base, SUPPORT_MFA_ACR_VALUES: ' , ' })).toThrow(/SUPPORT_MFA_ACR_VALUES/);
    expect(() => readConfig({ ...base, SUPPORT_MFA_MAX_AGE_SECONDS: '0' })).toThrow(/SUPPORT_MFA_MAX_AGE_SECONDS/);
  });

  it('leaves the recent sign-in to each route unless RECENT_SIGN_IN_MAX_AGE_SECONDS sets it (5 s to an hour)', () => {
    expect(readConfig({ ...base }).RECENT_SIGN_IN_MAX_AGE_SECONDS).toBeUndefined();
    expect(readConfig({ ...base, RECENT_SIGN_IN_MAX_AGE_SECONDS: '20' }).RECENT_SIGN_IN_MAX_AGE_SECONDS).toBe(20);
    expect(() => readConfig({ ...base, RECENT_SIGN_IN_MAX_AGE_SECONDS: '1' })).toThrow(/RECENT_SIGN_IN_MAX_AGE_SECONDS/);
  });

  it('requires the issuer, tenant-data, identity and privacy URLs, names the fields but never echoes values', () => {
    try {
      readConfig({ GATEWAY_SIGNING_KEY: 'not-a-key-value' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toMatch(/OIDC_ISSUER_URL/);
      expect(message).toMatch(/TENANT_DATA_URL/);
      expect(message).toMatch(/IDENTITY_URL/);
      expect(message).toMatch(/PRIVACY_URL/);
      expect(message).not.toContain('not-a-key-value');
    }
  });

  it('refuses a sign-up limit that is not a positive whole number and a bucket name NATS would misread', () => {
    expect(readConfig({ ...base, SIGNUP_RATE_LIMIT_PER_HOUR: '3' }).SIGNUP_RATE_LIMIT_PER_HOUR).toBe(3);
    expect(() => readConfig({ ...base, SIGNUP_RATE_LIMIT_PER_HOUR: '0' })).toThrow(/SIGNUP_RATE_LIMIT_PER_HOUR/);
    expect(() => readConfig({ ...base, USERS_BUCKET: 'homi.users' })).toThrow(/USERS_BUCKET/);
  });
});
