import { z } from 'zod';
import { dataOwnerSettings } from '@homi/privacy-kit';
import {
  aesKeySetting, baseConfigSchema, databaseServiceChecks, databaseServiceSettings, keyIdSetting, loadConfig, previousKeysSetting,
} from '@homi/service-kit';

/**
 * The development key-encryption key: fixed, so a development database stays readable across
 * restarts, and marked so a production process refuses it (ADR 39, 50). Never a real institute's key.
 */
const developmentHealthDataKek = (): string => Buffer.from('homi-dev-only-health-data-kek-32').toString('base64');

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway, which signs the caller context, and with identity and privacy (service credentials).
    ...databaseServiceSettings('tenant-data', 3010),
    // Where privacy is and how often retention runs: this service is a data owner.
    ...dataOwnerSettings,
    /** identity's internal base URL, from which the details for a new institute profile are fetched (ADR 12). */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
    /** The key-encryption key that wraps each institute's health-data key (ADR 50); production must set its own. */
    HEALTH_DATA_KEK: aesKeySetting.prefault(developmentHealthDataKek),
    HEALTH_DATA_KEK_ID: keyIdSetting.default('dev'),
    /** Retired KEKs (`id:base64,…`): they only unwrap, and the service re-wraps their data keys at start. */
    HEALTH_DATA_PREVIOUS_KEKS: previousKeysSetting.default([]),
  })
  .transform((env, ctx) => {
    const SERVICE_KEYS = databaseServiceChecks('tenant-data', env, ctx, ['HEALTH_DATA_KEK']);
    if (env.HEALTH_DATA_PREVIOUS_KEKS.some((k) => k.id === env.HEALTH_DATA_KEK_ID)) {
      ctx.addIssue({ code: 'custom', path: ['HEALTH_DATA_PREVIOUS_KEKS'], message: 'must not repeat the current key id' });
    }
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
