import { z } from 'zod';
import { MEMBERSHIPS_BUCKET, USERS_BUCKET } from '@homi/contracts';
import { baseConfigSchema, loadConfig, port } from '@homi/service-kit';

/** Shared with tenant-data's development default, so `npm start` works without setting it. */
const DEV_INTERNAL_SECRET = 'homi-development-internal-secret-not-for-production';

const httpUrl = z.url({ protocol: /^https?$/ });

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
    /** Signs the caller context services verify; the same value must be given to every service. */
    INTERNAL_AUTH_SECRET: z.string().min(32).optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /** Sign-ups per client address per hour (per replica). */
    SIGNUP_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
    /** How many reverse proxies in front of the gateway to trust for the client address (X-Forwarded-For). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    MEMBERSHIPS_BUCKET: z.string().regex(/^[A-Za-z0-9_-]+$/).default(MEMBERSHIPS_BUCKET),
    /** Users' access state and the current privacy statement, as identity publishes them. */
    USERS_BUCKET: z.string().regex(/^[A-Za-z0-9_-]+$/).default(USERS_BUCKET),
  })
  .transform((env, ctx) => {
    if (!env.INTERNAL_AUTH_SECRET && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['INTERNAL_AUTH_SECRET'], message: 'required in production' });
    }
    return { ...env, INTERNAL_AUTH_SECRET: env.INTERNAL_AUTH_SECRET ?? DEV_INTERNAL_SECRET };
  });

export type Config = z.infer<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
