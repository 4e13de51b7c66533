import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isBase32Secret } from './totp';
import type { DevIssuerOptions } from './types';

const devUser = z.object({
  id: z.string().min(1),
  email: z.string().min(3),
  password: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(z.string()).optional(),
  totpSecret: z.string().refine(isBase32Secret, 'must be a base32 secret').optional(),
  enabled: z.boolean().optional(),
});

const env = z.object({
  DEV_ISSUER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  DEV_ISSUER_HOST: z.string().default('127.0.0.1'),
  DEV_ISSUER_PUBLIC_HOST: z.string().default('localhost'),
  DEV_ISSUER_USERS_FILE: z.string().optional(),
  DEV_ISSUER_KEYS_FILE: z.string().optional(),
  DEV_ISSUER_ADMIN_SECRET: z.string().min(16).optional(),
  DEV_ISSUER_ACCESS_TOKEN_TTL: z.coerce.number().int().positive().default(300),
  DEV_ISSUER_WEB_REDIRECT_URIS: z.string().optional(),
  /** Comma-separated origins serving the web application (the gateway's); see DevIssuerOptions.webOrigins. */
  DEV_ISSUER_WEB_ORIGINS: z.string().optional(),
  DEV_ISSUER_STATE_FILE: z.string().optional(),
  /** The SMTP server verification mails go to (the development catcher under npm start). */
  DEV_ISSUER_SMTP_URL: z.string().url().refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL').optional(),
});

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean);

/** Options from the environment, parsed once; throws with the offending variable's name. */
export function configFromEnv(source: NodeJS.ProcessEnv = process.env): DevIssuerOptions {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    // Name the variables, never echo their values: the admin secret is one of them.
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const users = e.DEV_ISSUER_USERS_FILE
    ? z.array(devUser).parse(JSON.parse(readFileSync(e.DEV_ISSUER_USERS_FILE, 'utf8')))
    : [];
  return {
    port: e.DEV_ISSUER_PORT,
    host: e.DEV_ISSUER_HOST,
    publicHost: e.DEV_ISSUER_PUBLIC_HOST,
    users,
    keysFile: e.DEV_ISSUER_KEYS_FILE,
    adminSecret: e.DEV_ISSUER_ADMIN_SECRET,
    accessTokenTtlSeconds: e.DEV_ISSUER_ACCESS_TOKEN_TTL,
    webRedirectUris: list(e.DEV_ISSUER_WEB_REDIRECT_URIS),
    webOrigins: list(e.DEV_ISSUER_WEB_ORIGINS),
    stateFile: e.DEV_ISSUER_STATE_FILE,
    smtpUrl: e.DEV_ISSUER_SMTP_URL,
  };
}
