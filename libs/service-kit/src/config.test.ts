import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { baseConfigSchema, ConfigError, databaseSettings, DEV_INTERNAL_SECRET, developmentValueReason, internalSecret, internalSecretSetting, loadConfig, refuseDevelopmentValues } from './config';

const schema = baseConfigSchema
  .extend({ INTERNAL_AUTH_SECRET: internalSecretSetting, OTHER: z.string().default('x') })
  .transform((env, ctx) => ({ ...env, INTERNAL_AUTH_SECRET: internalSecret(env, ctx) }));

describe('the internal secret', () => {
  it('defaults to the development secret outside production', () => {
    expect(loadConfig(schema, { NODE_ENV: 'test' }).INTERNAL_AUTH_SECRET).toBe(DEV_INTERNAL_SECRET);
  });

  it('is required in production, naming the setting and never a value', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(/INTERNAL_AUTH_SECRET: required in production/);
  });

  it('takes the one given, and refuses one shorter than 32 characters', () => {
    const secret = 's'.repeat(32);
    expect(loadConfig(schema, { NODE_ENV: 'production', INTERNAL_AUTH_SECRET: secret }).INTERNAL_AUTH_SECRET).toBe(secret);
    expect(() => loadConfig(schema, { INTERNAL_AUTH_SECRET: 'short' })).toThrow(/INTERNAL_AUTH_SECRET/);
  });
});

describe('known development values in production (ADR 39)', () => {
  const keyed = baseConfigSchema
    .extend({ KEY: z.string().transform((v) => Buffer.from(v, 'base64')).optional(), SECRET: z.string().optional(), DB: z.string().optional() })
    .transform((env, ctx) => {
      refuseDevelopmentValues(env, ctx, ['KEY', 'SECRET', 'DB']);
      return env;
    });
  const random = randomBytes(32).toString('base64');
  const production = (env: Record<string, string>) => () => loadConfig(keyed, { NODE_ENV: 'production', ...env });

  it.each([
    ['the old compose key', { KEY: 'Y29tcG9zZS1kZXYtb25seS1rZXktMzItYnl0ZXMhISE=' }, /KEY: is a development value/],
    ['the .env.example key (decodes to change-me)', { KEY: 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=' }, /KEY: is a placeholder/],
    ["the tests' fixed key", { KEY: Buffer.alloc(32, 7).toString('base64') }, /KEY: is not a random key/],
    ['the old compose admin client secret', { SECRET: 'homi-admin-dev-secret' }, /SECRET: is a development value/],
    ['the development internal secret', { SECRET: DEV_INTERNAL_SECRET }, /SECRET: is a development value/],
    ['a .env.example placeholder', { SECRET: 'change-me-homi-admin-client' }, /SECRET: is a placeholder/],
    ["a URL with compose's old password", { DB: 'postgres://homi:homi-dev-only@postgres:5432/postgres' }, /DB: is a development value/],
    ['a URL with a placeholder password', { DB: 'postgres://homi_identity:change-me-identity-runtime@postgres/homi_identity' }, /DB: is a placeholder/],
  ])('refuses %s, naming the setting and never the value', (_what, env, message) => {
    expect(production(env)).toThrow(message);
    expect(production(env)).not.toThrow(Object.values(env)[0]!);
  });

  it('accepts values of your own in production, and anything outside production', () => {
    const own = { KEY: random, SECRET: randomBytes(24).toString('hex'), DB: `postgres://homi_identity:${randomBytes(12).toString('hex')}@db.internal/homi_identity` };
    expect(production(own)).not.toThrow();
    expect(() => loadConfig(keyed, { NODE_ENV: 'development', SECRET: 'homi-admin-dev-secret', KEY: Buffer.alloc(32, 7).toString('base64') })).not.toThrow();
    expect(developmentValueReason(randomBytes(32))).toBeUndefined();
  });
});

describe('database settings', () => {
  it('migrate by default, skip on request, and take only a plain runtime role name', () => {
    expect(databaseSettings(loadConfig(baseConfigSchema, {}))).toEqual({ MIGRATIONS: 'run' });
    const config = loadConfig(baseConfigSchema, { MIGRATIONS: 'skip', DATABASE_RUNTIME_ROLE: 'homi_identity' });
    expect(databaseSettings(config)).toEqual({ MIGRATIONS: 'skip', DATABASE_RUNTIME_ROLE: 'homi_identity' });
    expect(() => loadConfig(baseConfigSchema, { DATABASE_RUNTIME_ROLE: 'homi; drop table x' })).toThrow(/DATABASE_RUNTIME_ROLE/);
    expect(() => loadConfig(baseConfigSchema, { MIGRATIONS: 'maybe' })).toThrow(/MIGRATIONS/);
  });
});
