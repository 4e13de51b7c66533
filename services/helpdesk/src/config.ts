import { z } from 'zod';
import { dataOwnerSettings } from '@homi/privacy-kit';
import { baseConfigSchema, databaseServiceChecks, databaseServiceSettings, loadConfig } from '@homi/service-kit';

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys: the gateway's caller context, its own calls to identity and privacy (ADR 38).
    ...databaseServiceSettings('helpdesk', 3060),
    // Where privacy is and how often retention runs: this service is a data owner.
    ...dataOwnerSettings,
    /** identity's internal base URL, from which an institute's name is fetched. */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
  })
  .transform((env, ctx) => ({ ...env, SERVICE_KEYS: databaseServiceChecks('helpdesk', env, ctx) }));

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
