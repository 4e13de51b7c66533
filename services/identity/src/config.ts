import { z } from 'zod';
import { MEMBERSHIPS_BUCKET, SUPPORT_GRANTS_BUCKET, SUPPORT_REQUEST_TTL_HOURS, USERS_BUCKET } from '@homi/contracts';
import { checkMailEnv, mailEnv } from '@homi/mail';
import { dataOwnerSettings } from '@homi/privacy-kit';
import { baseConfigSchema, databaseServiceChecks, databaseServiceSettings, loadConfig } from '@homi/service-kit';

const bucketName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a KV bucket name');

export const configSchema = baseConfigSchema
  .extend({
    // Its service keys are shared with the gateway, which signs the caller context.
    ...databaseServiceSettings('identity', 3020),
    // Where privacy is and how often retention runs: this service is a data owner.
    ...dataOwnerSettings,
    /** Answer the privacy service's export and erasure commands (privacy-kit's consumer `privacy-owner-identity`). */
    PRIVACY_DATA_OWNER: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    IDENTITY_PROVIDER: z.enum(['dev', 'keycloak']).default('dev'),
    /** Base URL of the development issuer (its admin API is under /admin/realms/homi). */
    DEV_ISSUER_URL: z.string().url().default('http://localhost:3001'),
    DEV_ISSUER_ADMIN_SECRET: z.string().min(16).optional(),
    KEYCLOAK_URL: z.string().url().optional(),
    KEYCLOAK_REALM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('homi'),
    KEYCLOAK_ADMIN_CLIENT_ID: z.string().min(1).default('homi-admin'),
    KEYCLOAK_ADMIN_CLIENT_SECRET: z.string().min(1).optional(),
    MEMBERSHIPS_BUCKET: bucketName.default(MEMBERSHIPS_BUCKET),
    USERS_BUCKET: bucketName.default(USERS_BUCKET),
    /** Durable name of the consumer that projects identity's state into the KV buckets. */
    KV_PROJECTION_CONSUMER: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('identity-kv-projection'),
    /** A sign-up still pending after this long was interrupted; the sweeper compensates it. */
    SIGNUP_STALE_AFTER_MS: z.coerce.number().int().positive().default(15 * 60_000),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    SUPPORT_GRANTS_BUCKET: bucketName.default(SUPPORT_GRANTS_BUCKET),
    /** Durable name of the consumer that copies the gateway's audit events into the tenants' audit logs. */
    AUDIT_LOG_CONSUMER: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('identity-audit-log'),
    /** Durable name of the consumer that copies the gateway's refused support calls into the tenants' audit logs. */
    SUPPORT_REFUSALS_CONSUMER: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('identity-support-refusals'),
    /** The helpdesk's internal base URL: support access requests cite its tickets (ADR 43). */
    HELPDESK_URL: z.string().url().default('http://127.0.0.1:3060'),
    /** Durable name of the consumer that ends support access when its cited ticket closes. */
    TICKET_CLOSURES_CONSUMER: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('identity-ticket-closures'),
    /** An unanswered support access request expires after this many hours (at most the contract's 12). */
    SUPPORT_REQUEST_TTL_HOURS: z.coerce.number().positive().max(SUPPORT_REQUEST_TTL_HOURS).default(SUPPORT_REQUEST_TTL_HOURS),
    /** How often lapsed requests are expired and grants past their time ended. */
    SUPPORT_EXPIRY_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
    // The mail path (invitations, address confirmations): SMTP settings as libs/mail reads them.
    ...mailEnv,
    /** The web application's address, for the links in mails (the gateway serves it at `/`). */
    WEB_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** How long a changed e-mail address can be confirmed. */
    EMAIL_CHANGE_TTL_HOURS: z.coerce.number().positive().max(7 * 24).default(24),
  })
  .transform((env, ctx) => {
    const SERVICE_KEYS = databaseServiceChecks('identity', env, ctx, ['KEYCLOAK_ADMIN_CLIENT_SECRET', 'SMTP_URL']);
    checkMailEnv(env, ctx);
    if (env.IDENTITY_PROVIDER === 'dev') {
      if (env.NODE_ENV === 'production') {
        ctx.addIssue({ code: 'custom', path: ['IDENTITY_PROVIDER'], message: 'the development issuer cannot back production' });
      }
      if (!env.DEV_ISSUER_ADMIN_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['DEV_ISSUER_ADMIN_SECRET'], message: 'required with IDENTITY_PROVIDER=dev' });
      }
    } else {
      if (!env.KEYCLOAK_URL) ctx.addIssue({ code: 'custom', path: ['KEYCLOAK_URL'], message: 'required with IDENTITY_PROVIDER=keycloak' });
      if (!env.KEYCLOAK_ADMIN_CLIENT_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['KEYCLOAK_ADMIN_CLIENT_SECRET'], message: 'required with IDENTITY_PROVIDER=keycloak' });
      }
    }
    return { ...env, SERVICE_KEYS };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
