import { natsName } from '@homi/contracts';
import { ConfigError } from '@homi/service-kit';
import { readConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/postgres', DEV_ISSUER_ADMIN_SECRET: 'dev-admin-secret-0123' };

describe('config', () => {
  it('defaults to port 3020, the development issuer and the contracts\' bucket names', () => {
    const config = readConfig(base);
    expect(config).toMatchObject({ PORT: 3020, IDENTITY_PROVIDER: 'dev', MEMBERSHIPS_BUCKET: natsName.bucket('homi_memberships'), USERS_BUCKET: natsName.bucket('homi_users'), PRIVACY_DATA_OWNER: true });
    expect(readConfig({ ...base, PRIVACY_DATA_OWNER: 'false' }).PRIVACY_DATA_OWNER).toBe(false);
  });

  it('needs the admin secret of the issuer it talks to', () => {
    expect(() => readConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(/DEV_ISSUER_ADMIN_SECRET/);
    expect(() => readConfig({ ...base, IDENTITY_PROVIDER: 'keycloak' })).toThrow(/KEYCLOAK_URL[\s\S]*KEYCLOAK_ADMIN_CLIENT_SECRET/);
    expect(readConfig({ ...base, IDENTITY_PROVIDER: 'keycloak', KEYCLOAK_URL: 'http://kc:8080', KEYCLOAK_ADMIN_CLIENT_SECRET: 's' }).KEYCLOAK_REALM).toBe('homi');
  });

  it('refuses the development issuer and missing service keys in production, naming no values', () => {
    try {
      readConfig({ ...base, NODE_ENV: 'production' });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join('\n')).toMatch(/IDENTITY_SIGNING_KEY[\s\S]*SERVICE_TRUSTED_KEYS[\s\S]*IDENTITY_PROVIDER/);
      expect((err as Error).message).not.toContain(base.DEV_ISSUER_ADMIN_SECRET);
    }
  });

  it("refuses the repository's development values for its secrets in production (ADR 39), naming no values", () => {
    const published = {
      ...base, NODE_ENV: 'production', IDENTITY_PROVIDER: 'keycloak', KEYCLOAK_URL: 'https://kc.internal',
      KEYCLOAK_ADMIN_CLIENT_SECRET: 'homi-admin-dev-secret',
      IDENTITY_DATABASE_URL: 'postgresql://homi_identity:change-me-identity-runtime@postgres:5432/homi_identity',
      NATS_USER: 'identity', NATS_PASSWORD: 'nats-identity-dev-only-change-me',
    };
    try {
      readConfig(published);
      throw new Error('accepted');
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['KEYCLOAK_ADMIN_CLIENT_SECRET', 'IDENTITY_DATABASE_URL', 'NATS_PASSWORD']) expect(problems).toContain(`${name}: is a`);
      for (const value of ['homi-admin-dev-secret', 'change-me-identity-runtime', 'nats-identity-dev-only']) expect(problems).not.toContain(value);
    }
  });

  it('runs the retention jobs hourly unless told otherwise, within a second to a week', () => {
    expect(readConfig(base).RETENTION_INTERVAL_MS).toBe(3600_000);
    expect(readConfig({ ...base, RETENTION_INTERVAL_MS: '60000' }).RETENTION_INTERVAL_MS).toBe(60_000);
    for (const bad of ['0', '999', 'hourly', '1.5', String(8 * 24 * 3600_000)]) {
      expect(() => readConfig({ ...base, RETENTION_INTERVAL_MS: bad })).toThrow(/RETENTION_INTERVAL_MS/);
    }
  });

  it('refuses bucket names NATS would not accept', () => {
    expect(() => readConfig({ ...base, MEMBERSHIPS_BUCKET: 'homi.memberships' })).toThrow(/MEMBERSHIPS_BUCKET/);
  });
});
