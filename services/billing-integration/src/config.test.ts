import { randomBytes } from 'node:crypto';
import { generateServiceKeyEnv } from '@homi/service-kit';
import { readConfig } from './config';

const keys = generateServiceKeyEnv(['billing-integration']);
const base = { DATABASE_URL: 'postgres://localhost/postgres', ...keys.signing['billing-integration'], SERVICE_TRUSTED_KEYS: keys.trusted };

describe('BILLING_CREDENTIALS_KEY in production (ADR 39)', () => {
  it.each([
    ["compose's former default", 'Y29tcG9zZS1kZXYtb25seS1rZXktMzItYnl0ZXMhISE='],
    ["the .env.example placeholder", 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI='],
    ["the tests' fixed key", Buffer.alloc(32, 7).toString('base64')],
  ])('refuses %s, naming the setting only', (_what, key) => {
    expect(() => readConfig({ ...base, NODE_ENV: 'production', BILLING_CREDENTIALS_KEY: key })).toThrow(/BILLING_CREDENTIALS_KEY: is (a|not)/);
    expect(() => readConfig({ ...base, NODE_ENV: 'production', BILLING_CREDENTIALS_KEY: key })).not.toThrow(key);
    expect(readConfig({ ...base, NODE_ENV: 'test', BILLING_CREDENTIALS_KEY: key }).BILLING_CREDENTIALS_KEY).toHaveLength(32);
  });

  it('takes a random key', () => {
    const key = randomBytes(32);
    expect(readConfig({ ...base, NODE_ENV: 'production', BILLING_CREDENTIALS_KEY: key.toString('base64') }).BILLING_CREDENTIALS_KEY).toEqual(key);
  });
});
