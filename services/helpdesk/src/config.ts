import { z } from 'zod';
import { checkMailEnv, mailEnv } from '@homi/mail';
import { baseConfigSchema, loadConfig, port, refuseDevelopmentValues, serviceKeys, serviceKeySettings } from '@homi/service-kit';

export const configSchema = baseConfigSchema
  .extend({
    PORT: port(3060),
    HOST: z.string().default('0.0.0.0'),
    HELPDESK_DATABASE_URL: z.string().url().optional(),
    /** The privacy service's internal base URL, where export parts are uploaded. */
    PRIVACY_URL: z.string().url().default('http://127.0.0.1:3040'),
    /** identity's internal base URL, from which an institute's name is fetched. */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
    /** Its signing key and the keys it trusts: the gateway's caller context, its own calls to identity and privacy (ADR 38). */
    ...serviceKeySettings('helpdesk'),
    /** How often the retention jobs look for data past its period, and for inbox rows to forget. */
    RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3600_000).default(3600_000),
    // Reply notices (ADR 43): SMTP settings as libs/mail reads them.
    ...mailEnv,
    /** The web application's address, for the link to the ticket in a reply notice. */
    WEB_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** Where the institute's replies are announced while no support user took the ticket; unset, those notices are dropped. */
    HELPDESK_SUPPORT_MAIL: z.string().email().optional(),
    /** How often the notice job looks for notices due (each reply also kicks it at once). */
    REPLY_NOTICE_INTERVAL_MS: z.coerce.number().int().min(100).max(3600_000).default(30_000),
  })
  .transform((env, ctx) => {
    refuseDevelopmentValues(env, ctx, ['NATS_PASSWORD', 'DATABASE_URL', 'HELPDESK_DATABASE_URL', 'SMTP_URL']);
    checkMailEnv(env, ctx);
    if (!env.DATABASE_URL && !env.HELPDESK_DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set DATABASE_URL or HELPDESK_DATABASE_URL' });
    }
    const SERVICE_KEYS = serviceKeys('helpdesk', env, ctx);
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
