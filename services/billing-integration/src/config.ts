import { z } from 'zod';
import { dataOwnerSettings } from '@homi/privacy-kit';
import { aesKeySetting as aesKey, baseConfigSchema, databaseServiceChecks, databaseServiceSettings, keyIdSetting as keyId, loadConfig, previousKeysSetting as previousKeys } from '@homi/service-kit';


const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway (caller context), tenant-data and privacy (service credentials).
    ...databaseServiceSettings('billing-integration', 3030),
    // Where privacy is and how often retention runs: this service is a data owner.
    ...dataOwnerSettings,
    /** FactuurSturen's REST API v1 base; the simulator's under `npm start`. */
    FACTUURSTUREN_URL: z.string().url().default('http://localhost:3002/api/v1/'),
    FACTUURSTUREN_TIMEOUT_MS: ms(10_000),
    /** AES-256-GCM key sealing the tenants' API keys at rest. */
    BILLING_CREDENTIALS_KEY: aesKey,
    BILLING_CREDENTIALS_KEY_ID: keyId.default('k1'),
    BILLING_CREDENTIALS_PREVIOUS_KEYS: previousKeys.default([]),
    /** tenant-data's internal base URL, for a client's details. */
    TENANT_DATA_URL: z.string().url().default('http://127.0.0.1:3010'),
    /** How often the worker looks for pending invoices besides being woken after a commit. */
    INVOICE_WORKER_INTERVAL_MS: ms(5_000),
    INVOICE_RETRY_BASE_MS: ms(5_000),
    INVOICE_RETRY_MAX_MS: ms(3_600_000),
    /** How long after a check an unpaid invoice is asked about again (the provider has no webhooks). */
    PAYMENT_POLL_EVERY_MS: ms(3_600_000),
    PAYMENT_POLLER_INTERVAL_MS: ms(60_000),
  })
  .transform((env, ctx) => {
    const SERVICE_KEYS = databaseServiceChecks('billing-integration', env, ctx, ['BILLING_CREDENTIALS_KEY']);
    if (env.BILLING_CREDENTIALS_PREVIOUS_KEYS.some((k) => k.id === env.BILLING_CREDENTIALS_KEY_ID)) {
      ctx.addIssue({ code: 'custom', path: ['BILLING_CREDENTIALS_PREVIOUS_KEYS'], message: 'must not repeat the current key id' });
    }
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
