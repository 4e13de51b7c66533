import { z } from 'zod';
import { ownerName } from '@homi/contracts';
import { checkMailEnv, mailEnv } from '@homi/mail';
import { baseConfigSchema, databaseServiceChecks, databaseServiceSettings, loadConfig } from '@homi/service-kit';

/** The platform's data owners besides privacy itself, which declares its own data in code. */
export const PLATFORM_OWNERS = ['tenant-data', 'identity', 'billing-integration', 'helpdesk'] as const;

const ms = (fallback: number) => z.coerce.number().int().min(10).max(7 * 24 * 3600_000).default(fallback);

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway (caller context) and the data owners (service credentials).
    ...databaseServiceSettings('privacy', 3040),
    /**
     * The data owners whose announcements are accepted and who are commanded, comma-separated
     * (ADR 42). Another service becomes a data owner by adding its name here.
     */
    PRIVACY_OWNERS: z
      .string()
      .default(PLATFORM_OWNERS.join(','))
      .transform((v) => [...new Set(v.split(',').map((o) => o.trim()).filter(Boolean))])
      .pipe(z.array(ownerName).min(1, 'name at least one data owner')),
    /** How often the scheduler looks for silent owners, deadlines and expired exports. */
    SCHEDULER_INTERVAL_MS: ms(60_000),
    /** Wait for an owner's answer before commanding it again; doubles per attempt. */
    RETRY_AFTER_MS: ms(10 * 60_000),
    /** The longest wait between two commands to one owner. */
    RETRY_MAX_MS: ms(24 * 3600_000),
    /** Days an access package can be downloaded after completion. */
    EXPORT_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    /** Largest export part one owner may upload for one request. */
    EXPORT_PART_MAX_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 ** 3).default(2 * 1024 ** 3),
    /** How often the retention jobs look for data past its period, and for inbox rows to forget. */
    RETENTION_INTERVAL_MS: ms(3600_000),
    /** Usage statistics: k, the fewest institutes a served day × module bucket may stand for. */
    USAGE_MIN_BUCKET: z.coerce.number().int().min(2).max(1000).default(5),
    /** After a day ends, how long its events still count with institutes deduplicated (≤ 24 h: digests live ≤ 48 h). */
    USAGE_CLOSE_GRACE_MS: z.coerce.number().int().min(0).max(24 * 3600_000).default(2 * 3600_000),
    /** How often the usage close job looks for days to close. */
    USAGE_CLOSE_INTERVAL_MS: ms(5 * 60_000),
    /** identity's internal base URL, which gives a requester's address for their notices (ADR 51). */
    IDENTITY_URL: z.string().url().default('http://127.0.0.1:3020'),
    // Notices to requesters (ADR 51): SMTP settings as libs/mail reads them.
    ...mailEnv,
    /** The web application's address, for the link to the request in a notice. */
    WEB_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** How often the notice job looks for notices due (each extension or completion also kicks it at once). */
    NOTICE_INTERVAL_MS: ms(30_000),
  })
  .transform((env, ctx) => {
    checkMailEnv(env, ctx);
    const SERVICE_KEYS = databaseServiceChecks('privacy', env, ctx, ['SMTP_URL']);
    if (env.RETRY_MAX_MS < env.RETRY_AFTER_MS) ctx.addIssue({ code: 'custom', path: ['RETRY_MAX_MS'], message: 'must not be below RETRY_AFTER_MS' });
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
