import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
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
