import path from 'node:path';
import { z } from 'zod';
import { MEMBERSHIPS_BUCKET, SUPPORT_GRANTS_BUCKET, USERS_BUCKET } from '@homi/contracts';
import { baseConfigSchema, loadConfig, port, refuseDevelopmentValues, serviceKeys, serviceKeySettings } from '@homi/service-kit';


const httpUrl = z.url({ protocol: /^https?$/ });
/** Where `npm start` runs the billing integration when BILLING_INTEGRATION_URL is not given (required in production). */
const DEV_BILLING_URL = 'http://localhost:3030';
/** Where `npm start` runs the helpdesk when HELPDESK_URL is not given (required in production). */
const DEV_HELPDESK_URL = 'http://localhost:3060';
/** services/gateway/{src,dist}/ → the repository root's apps/web/dist (the image keeps the same layout under /app). */
const DEFAULT_WEB_DIST_DIR = path.resolve(__dirname, '../../../apps/web/dist');
const bucketName = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const configSchema = baseConfigSchema
  .extend({
    PORT: port(3000),
    HOST: z.string().default('0.0.0.0'),
    /** `{base}/realms/homi`; tokens' `iss` must equal it exactly. */
    OIDC_ISSUER_URL: httpUrl.transform((v) => v.replace(/\/$/, '')),
    OIDC_AUDIENCE: z.string().min(1).default('homi-gateway'),
    /** Skips discovery when set. */
    OIDC_JWKS_URL: httpUrl.optional(),
    TENANT_DATA_URL: httpUrl,
    /** The identity service: sign-up, privacy statements, /me and tenant members. */
    IDENTITY_URL: httpUrl,
    /** The privacy service (port 3040 by default): data-subject requests and the record of processing. */
    PRIVACY_URL: httpUrl,
    /** The billing integration (FactuurSturen connection and invoices). */
    BILLING_INTEGRATION_URL: httpUrl.optional(),
    /** The helpdesk: tickets between institutes and HOMi support (ADR 41). */
    HELPDESK_URL: httpUrl.optional(),
    /** Signs the caller context services verify; the same value must be given to every service. */
    ...serviceKeySettings('gateway'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /** Sign-ups per client address per hour (per replica). */
    SIGNUP_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
    /** How many reverse proxies in front of the gateway to trust for the client address (X-Forwarded-For). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    MEMBERSHIPS_BUCKET: z.string().regex(/^[A-Za-z0-9_-]+$/).default(MEMBERSHIPS_BUCKET),
    /** Users' access state and the current privacy statement, as identity publishes them. */
    USERS_BUCKET: z.string().regex(/^[A-Za-z0-9_-]+$/).default(USERS_BUCKET),
    /** Support-access grants as identity publishes them (key = request id). */
    SUPPORT_GRANTS_BUCKET: bucketName.default(SUPPORT_GRANTS_BUCKET),
    /** Tenant calls are counted in memory and reported this often; a replica that dies loses at most one window. */
    USAGE_FLUSH_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    /** At most one audit entry per support user, tenant, route and refusal reason per this many seconds; repeats are counted. */
    SUPPORT_REFUSAL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    /** A support user's login must be at most this old (`auth_time`) to work in a tenant or ask for access. */
    SUPPORT_MFA_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(900),
    /**
     * How old a sign-in (`auth_time`) may be for the routes that ask for a recent one (DELETE /me), in
     * place of what each route declares and the API document states (five minutes). For the browser
     * journeys that prove the fresh sign-in, which cannot wait five minutes.
     */
    RECENT_SIGN_IN_MAX_AGE_SECONDS: z.coerce.number().int().min(5).max(3600).optional(),
    /** Comma-separated `acr` values that prove a second factor (the realm's acr.loa.map level 2 is "2"). */
    SUPPORT_MFA_ACR_VALUES: z
      .string()
      .default('2')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[\w.:-]{1,64}$/)).min(1)),
    /** The built web application served at `/` (apps/web/dist); the default is where the repository and the image keep it. */
    WEB_DIST_DIR: z.string().min(1).default(DEFAULT_WEB_DIST_DIR),
    /** The issuer the browser signs in with (`/config.json`); default OIDC_ISSUER_URL, the issuer tokens name. */
    WEB_OIDC_ISSUER: httpUrl.transform((v) => v.replace(/\/$/, '')).optional(),
    /** The public OIDC client of the web application. */
    WEB_OIDC_CLIENT_ID: z.string().regex(/^[\w.-]{1,100}$/).default('homi-web'),
  })
  .transform((env, ctx) => {
    refuseDevelopmentValues(env, ctx, ['NATS_PASSWORD']);
    const SERVICE_KEYS = serviceKeys('gateway', env, ctx);
    if (!env.BILLING_INTEGRATION_URL && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['BILLING_INTEGRATION_URL'], message: 'required in production' });
    }
    if (!env.HELPDESK_URL && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['HELPDESK_URL'], message: 'required in production' });
    }
    return {
      ...env,
      SERVICE_KEYS,
      BILLING_INTEGRATION_URL: env.BILLING_INTEGRATION_URL ?? DEV_BILLING_URL,
      HELPDESK_URL: env.HELPDESK_URL ?? DEV_HELPDESK_URL,
      WEB_OIDC_ISSUER: env.WEB_OIDC_ISSUER ?? env.OIDC_ISSUER_URL,
    };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
