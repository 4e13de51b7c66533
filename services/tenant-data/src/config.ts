import { z } from 'zod';
import { baseConfigSchema, databaseServiceChecks, databaseServiceSettings, loadConfig } from '@homi/service-kit';

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway, which signs the caller context, and with identity and privacy (service credentials).
    ...databaseServiceSettings('tenant-data', 3010),
    /** The privacy service's internal base URL, where export parts are uploaded. */
    PRIVACY_URL: z.string().url().default('http://127.0.0.1:3040'),
    /** identity's internal base URL, from which the details for a new institute profile are fetched (ADR 12). */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
    /** How often the retention jobs look for data past its period, and for inbox rows to forget. */
    RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3600_000).default(3600_000),
  })
  .transform((env, ctx) => ({ ...env, SERVICE_KEYS: databaseServiceChecks('tenant-data', env, ctx) }));

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
