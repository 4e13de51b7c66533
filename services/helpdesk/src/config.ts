import { z } from 'zod';
import { baseConfigSchema, loadConfig, port, internalSecret, internalSecretSetting, refuseDevelopmentValues } from '@homi/service-kit';

export const configSchema = baseConfigSchema
  .extend({
    PORT: port(3060),
    HOST: z.string().default('0.0.0.0'),
    HELPDESK_DATABASE_URL: z.string().url().optional(),
    /** The privacy service's internal base URL, where export parts are uploaded. */
    PRIVACY_URL: z.string().url().default('http://127.0.0.1:3040'),
    /** identity's internal base URL, from which an institute's name is fetched. */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
    /** Shared with the gateway, which signs the caller context with it, and with identity and privacy (service credentials). */
    INTERNAL_AUTH_SECRET: internalSecretSetting,
    /** How often the retention jobs look for data past its period, and for inbox rows to forget. */
    RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3600_000).default(3600_000),
  })
  .transform((env, ctx) => {
    refuseDevelopmentValues(env, ctx, ['INTERNAL_AUTH_SECRET', 'DATABASE_URL', 'HELPDESK_DATABASE_URL']);
    if (!env.DATABASE_URL && !env.HELPDESK_DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set DATABASE_URL or HELPDESK_DATABASE_URL' });
    }
    return { ...env, INTERNAL_AUTH_SECRET: internalSecret(env, ctx) };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
