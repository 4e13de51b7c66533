import { randomBytes } from 'node:crypto';
import { generateServiceKeyEnv } from '@homi/service-kit';
import { readConfig } from './config';

const keys = generateServiceKeyEnv(['tenant-data']);
const base = { DATABASE_URL: 'postgres://localhost/postgres', ...keys.signing['tenant-data'], SERVICE_TRUSTED_KEYS: keys.trusted };

describe('HEALTH_DATA_KEK (ADR 50)', () => {
  it('has a fixed development key outside production, and refuses it and the placeholder in production', () => {
    expect(readConfig({ ...base, NODE_ENV: 'development' }).HEALTH_DATA_KEK).toHaveLength(32);
    expect(() => readConfig({ ...base, NODE_ENV: 'production' })).toThrow(/HEALTH_DATA_KEK: is a placeholder or development value/);
    expect(() => readConfig({ ...base, NODE_ENV: 'production', HEALTH_DATA_KEK: 'Y2hhbmdlLW1lLWhlYWx0aC1kYXRhLWtlay0zMmJ5dGU=' })).toThrow(/HEALTH_DATA_KEK/);
  });

  it('takes a random key with its id, and retired keys that only unwrap', () => {
    const key = randomBytes(32);
    const old = randomBytes(32);
    const config = readConfig({
      ...base, NODE_ENV: 'production', HEALTH_DATA_KEK: key.toString('base64'), HEALTH_DATA_KEK_ID: 'k2', HEALTH_DATA_PREVIOUS_KEKS: `k1:${old.toString('base64')}`,
      SMTP_URL: 'smtp://mail.example.nl:587',
    });
    expect([config.HEALTH_DATA_KEK, config.HEALTH_DATA_KEK_ID, config.HEALTH_DATA_PREVIOUS_KEKS]).toEqual([key, 'k2', [{ id: 'k1', key: old }]]);
  });

  it('refuses a key of the wrong size, and a retired key under the current id', () => {
    expect(() => readConfig({ ...base, HEALTH_DATA_KEK: randomBytes(16).toString('base64') })).toThrow(/HEALTH_DATA_KEK: must be 32 bytes/);
    const k = randomBytes(32).toString('base64');
    expect(() => readConfig({ ...base, HEALTH_DATA_KEK: k, HEALTH_DATA_KEK_ID: 'k1', HEALTH_DATA_PREVIOUS_KEKS: `k1:${k}` })).toThrow(/must not repeat the current key id/);
  });
});

describe('appointment mails (ADR 53)', () => {
  it('needs an SMTP server in production, and takes an unsubscribe-link key of 32 bytes when given', () => {
    const production = { ...base, NODE_ENV: 'production', HEALTH_DATA_KEK: randomBytes(32).toString('base64') };
    expect(() => readConfig(production)).toThrow(/SMTP_URL: set SMTP_URL or SMTP_HOST in production/);
    expect(readConfig({ ...production, SMTP_URL: 'smtp://mail.example.nl:587' }).REMINDER_LINK_KEY).toBeUndefined();
    const key = randomBytes(32);
    expect(readConfig({ ...base, REMINDER_LINK_KEY: key.toString('base64') }).REMINDER_LINK_KEY).toEqual(key);
    expect(() => readConfig({ ...base, REMINDER_LINK_KEY: randomBytes(16).toString('base64') })).toThrow(/REMINDER_LINK_KEY: must be 32 bytes/);
  });
});
