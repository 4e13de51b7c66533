import { z } from 'zod';
import { checkMailEnv, mailEnv } from '@homi/mail';
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
    /** The key of the clients' unsubscribe links (ADR 53); unset, one is derived from HEALTH_DATA_KEK under a label of its own. */
    REMINDER_LINK_KEY: aesKeySetting.optional(),
    // Appointment confirmations and reminders (ADR 53): SMTP settings as libs/mail reads them.
    ...mailEnv,
    /** The web application's address, for the unsubscribe link in an appointment mail. */
    WEB_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** How often the appointment-mail job looks for mails due (each commit also kicks it). */
    NOTICE_INTERVAL_MS: z.coerce.number().int().min(100).max(3600_000).default(30_000),
    /** How long the job's claim on a batch holds: after a crash, its unsent mails wait this long (libs/mail's 2 minutes by default). */
    NOTICE_LEASE_MS: z.coerce.number().int().min(1000).max(3600_000).default(120_000),
  })
  .transform((env, ctx) => {
    checkMailEnv(env, ctx);
    const SERVICE_KEYS = databaseServiceChecks('tenant-data', env, ctx, ['HEALTH_DATA_KEK', 'SMTP_URL']);
    if (env.HEALTH_DATA_PREVIOUS_KEKS.some((k) => k.id === env.HEALTH_DATA_KEK_ID)) {
      ctx.addIssue({ code: 'custom', path: ['HEALTH_DATA_PREVIOUS_KEKS'], message: 'must not repeat the current key id' });
    }
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
