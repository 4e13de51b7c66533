import { z } from 'zod';
import { dataOwnerSettings } from '@homi/privacy-kit';
import { baseConfigSchema, databaseServiceChecks, databaseServiceSettings, loadConfig } from '@homi/service-kit';

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway, which signs the caller context, and with identity and privacy (service credentials).
    ...databaseServiceSettings('tenant-data', 3010),
    // Where privacy is and how often retention runs: this service is a data owner.
    ...dataOwnerSettings,
    /** identity's internal base URL, from which the details for a new institute profile are fetched (ADR 12). */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
  })
  .transform((env, ctx) => ({ ...env, SERVICE_KEYS: databaseServiceChecks('tenant-data', env, ctx) }));

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
