import { z } from 'zod';
import { baseConfigSchema, ConfigError, DEV_INTERNAL_SECRET, internalSecret, internalSecretSetting, loadConfig } from './config';

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
