import { z } from 'zod';
import { checkMailEnv, mailEnv } from '@homi/mail';
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
    checkMailEnv(env, ctx);
    return { ...env, SERVICE_KEYS: databaseServiceChecks('helpdesk', env, ctx, ['SMTP_URL']) };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
