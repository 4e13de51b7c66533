import { z } from 'zod';

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

/**
 * The SMTP settings every service that sends mail adds to its own config schema (`.extend(mailEnv)`,
 * then `.superRefine(checkMailEnv)`): either SMTP_URL (smtp:// or smtps://, credentials in it), or
 * host, port, user, password and the TLS choice. Outside production the default is a local catcher
 * (libs/mail-catcher, or Mailpit) on port 1025.
 */
export const mailEnv = {
  SMTP_URL: z.string().url().refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL').optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Implicit TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: flag,
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  SMTP_REQUIRE_TLS: flag,
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** The sender, e.g. `HOMi <no-reply@homi.nl>`. */
  MAIL_FROM: z.string().min(3).default('HOMi <no-reply@homi.local>'),
} as const;

export interface MailEnv {
  NODE_ENV?: string;
  SMTP_URL?: string;
  SMTP_HOST?: string;
  SMTP_PORT?: number;
  SMTP_SECURE: boolean;
  SMTP_REQUIRE_TLS: boolean;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  MAIL_FROM: string;
}

/** For a service schema's superRefine: the combinations that cannot work. */
export function checkMailEnv(env: MailEnv, ctx: z.RefinementCtx): void {
  if (env.SMTP_URL && env.SMTP_HOST) ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'set SMTP_URL or SMTP_HOST, not both' });
  if (!env.SMTP_URL && !env.SMTP_HOST && env.NODE_ENV === 'production') {
    ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'set SMTP_URL or SMTP_HOST in production' });
  }
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'SMTP_USER and SMTP_PASSWORD go together' });
  }
}

/** What the SMTP transport is made from. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export const DEVELOPMENT_SMTP_PORT = 1025;

/** One shape whichever way the settings were given; SMTP_URL's credentials are percent-decoded. */
export function smtpSettingsFrom(env: MailEnv): SmtpSettings {
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    const secure = url.protocol === 'smtps:';
    const auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined;
    const port = url.port ? Number(url.port) : secure ? 465 : 587;
    return { host: url.hostname, port, secure, requireTls: env.SMTP_REQUIRE_TLS, ...(auth ? { auth } : {}), from: env.MAIL_FROM };
  }
  const auth = env.SMTP_USER && env.SMTP_PASSWORD ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined;
  return {
    host: env.SMTP_HOST ?? '127.0.0.1',
    port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : env.SMTP_HOST ? 587 : DEVELOPMENT_SMTP_PORT),
    secure: env.SMTP_SECURE,
    requireTls: env.SMTP_REQUIRE_TLS,
    ...(auth ? { auth } : {}),
    from: env.MAIL_FROM,
  };
}
