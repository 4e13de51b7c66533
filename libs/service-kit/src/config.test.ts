import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { baseConfigSchema, ConfigError, databaseSettings, developmentValueReason, loadConfig, refuseDevelopmentValues } from './config';
import { devSigningKey, generateServiceKeyEnv, serviceKeys, serviceKeySettings, signingKeyVar } from './service-keys';

const schema = baseConfigSchema
  .extend({ ...serviceKeySettings('tenant-data'), OTHER: z.string().default('x') })
  .transform((env, ctx) => ({ ...env, SERVICE_KEYS: serviceKeys('tenant-data', env, ctx) }));

describe('the service keys in a config', () => {
  const generated = generateServiceKeyEnv(['tenant-data', 'gateway']);
  const given = { TENANT_DATA_SIGNING_KEY: generated.signing['tenant-data']?.TENANT_DATA_SIGNING_KEY as string, SERVICE_TRUSTED_KEYS: generated.trusted };

  it('are the development keys outside production', () => {
    const keys = loadConfig(schema, { NODE_ENV: 'test' }).SERVICE_KEYS;
    expect([keys.service, keys.signing.kid, [...keys.trusted.keys()]]).toEqual(['tenant-data', 'tenant-data-dev', expect.arrayContaining(['gateway', 'identity', 'privacy'])]);
  });

  it('are required in production, naming the settings and never a value', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(/TENANT_DATA_SIGNING_KEY: required in production[\s\S]*SERVICE_TRUSTED_KEYS: required in production/);
  });

  it('are taken from the env or from files in production', () => {
    const keys = loadConfig(schema, { NODE_ENV: 'production', ...given }).SERVICE_KEYS;
    expect([keys.signing.kid, keys.trusted.get('gateway')?.map((k) => k.kid)]).toEqual(['tenant-data-1', ['gateway-1']]);
    const dir = mkdtempSync(path.join(tmpdir(), 'homi-keys-'));
    writeFileSync(path.join(dir, 'signing'), given.TENANT_DATA_SIGNING_KEY);
    writeFileSync(path.join(dir, 'trusted'), given.SERVICE_TRUSTED_KEYS);
    const fromFiles = loadConfig(schema, { NODE_ENV: 'production', TENANT_DATA_SIGNING_KEY_FILE: path.join(dir, 'signing'), SERVICE_TRUSTED_KEYS_FILE: path.join(dir, 'trusted') }).SERVICE_KEYS;
    expect(fromFiles.signing.kid).toBe('tenant-data-1');
  });

  it('refuse the development keys in production, and malformed or private trusted keys anywhere', () => {
    const devJwk = JSON.stringify({ ...devSigningKey('tenant-data').key.export({ format: 'jwk' }), kid: 'sneaky' });
    expect(() => loadConfig(schema, { NODE_ENV: 'production', ...given, [signingKeyVar('tenant-data')]: devJwk })).toThrow(/TENANT_DATA_SIGNING_KEY: is the development key/);
    const devPublic = { ...devSigningKey('gateway').key.export({ format: 'jwk' }), d: undefined, kid: 'gw' };
    expect(() => loadConfig(schema, { NODE_ENV: 'production', ...given, SERVICE_TRUSTED_KEYS: JSON.stringify({ gateway: [devPublic] }) })).toThrow(/trusts the development key of gateway/);
    const privateTrusted = JSON.stringify({ gateway: [JSON.parse(given.TENANT_DATA_SIGNING_KEY)] });
    expect(() => loadConfig(schema, { NODE_ENV: 'test', ...given, SERVICE_TRUSTED_KEYS: privateTrusted })).toThrow(/SERVICE_TRUSTED_KEYS: is not a valid key/);
    expect(() => loadConfig(schema, { NODE_ENV: 'test', TENANT_DATA_SIGNING_KEY: '{"kty":"oct"}' })).toThrow(/TENANT_DATA_SIGNING_KEY: is not a valid key/);
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
    ['the development internal secret', { SECRET: 'homi-development-internal-secret-not-for-production' }, /SECRET: is a development value/],
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

describe('the NATS settings of the base config (ADR 57)', () => {
  it("take a cluster's servers separated by commas, and a replica count from 1 to 5 (default 1)", () => {
    const cluster = loadConfig(baseConfigSchema, { NATS_URL: 'tls://nats-1:4222,tls://nats-2:4222, tls://nats-3:4222', NATS_REPLICAS: '3' });
    expect([cluster.NATS_URL, cluster.NATS_REPLICAS]).toEqual(['tls://nats-1:4222,tls://nats-2:4222, tls://nats-3:4222', 3]);
    expect(loadConfig(baseConfigSchema, {}).NATS_REPLICAS).toBe(1);
  });

  it('refuse a list with a part that is no URL, and a replica count out of range', () => {
    expect(() => loadConfig(baseConfigSchema, { NATS_URL: 'nats://a:4222,,nats://b:4222' })).toThrow(/NATS_URL: must be a URL/);
    expect(() => loadConfig(baseConfigSchema, { NATS_REPLICAS: '6' })).toThrow(/NATS_REPLICAS/);
    expect(() => loadConfig(baseConfigSchema, { NATS_REPLICAS: '0' })).toThrow(/NATS_REPLICAS/);
  });
});
