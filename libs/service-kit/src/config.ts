import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's config schema; names fields, never values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; a service crashes at start on invalid config rather than later. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
}

/** Settings every service shares. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** One server, or a cluster's servers separated by commas (`nats://a:4222,nats://b:4222`): the client fails over among them. */
  NATS_URL: z
    .string()
    .refine((v) => v.split(',').every((s) => URL.canParse(s.trim())), 'must be a URL, or URLs separated by commas')
    .default('nats://127.0.0.1:4222'),
  /** Copies of every stream and KV bucket the service creates (ADR 57): 3 on a three-node JetStream cluster. */
  NATS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** This service's own NATS user and password (ADR 37); unset for a server without authorization. */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Port of the Prometheus /metrics endpoint (separate from the API port); unset: none. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * `skip`: the process never migrates nor creates its database; it refuses to start while a migration
   * is pending. For a runtime role without DDL rights, the migrations having run as another role (ADR 39).
   */
  MIGRATIONS: z.enum(['run', 'skip']).default('run'),
  /** Set on the migrating run: the login role the service runs as, granted DML on every table after migrating (ADR 39). */
  DATABASE_RUNTIME_ROLE: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lowercase role name').optional(),
});

/** The settings of baseConfigSchema that openServiceDatabase reads, for a service's database env. */
export const databaseSettings = (config: { MIGRATIONS: 'run' | 'skip'; DATABASE_RUNTIME_ROLE?: string }): NodeJS.ProcessEnv => ({
  MIGRATIONS: config.MIGRATIONS,
  ...(config.DATABASE_RUNTIME_ROLE ? { DATABASE_RUNTIME_ROLE: config.DATABASE_RUNTIME_ROLE } : {}),
});

/**
 * Values that are public because the repository ships them (compose's old defaults, the examples, the
 * tests' fixed keys): a production process refuses to start on one (ADR 39). Matched exactly, after
 * trimming; base64 keys also by what they decode to.
 */
const KNOWN_DEVELOPMENT_VALUES = new Set([
  // The shared internal secret's development value, from before service keys (ADR 38).
  'homi-development-internal-secret-not-for-production',
  'compose-internal-secret-change-me-0123456789',
  'Y29tcG9zZS1kZXYtb25seS1rZXktMzItYnl0ZXMhISE=',
  'homi-admin-dev-secret',
  'homi-dev-only',
  'admin-dev-only',
  'test-internal-secret-0123456789abcdef',
]);
/** Words the examples and development defaults carry (`.env.example`'s placeholders among them). */
const DEVELOPMENT_MARKERS = /change-?me|dev-only|not-for-production|placeholder|example|replace-this/i;

/** Why `value` is a development value, or undefined when it is not known as one. */
export function developmentValueReason(value: string | Buffer): string | undefined {
  const bytes = typeof value === 'string' ? undefined : value;
  const text = typeof value === 'string' ? value.trim() : value.toString('latin1');
  if (KNOWN_DEVELOPMENT_VALUES.has(text) || (bytes && KNOWN_DEVELOPMENT_VALUES.has(bytes.toString('base64')))) {
    return 'is a development value published in the repository';
  }
  if (DEVELOPMENT_MARKERS.test(text)) return 'is a placeholder or development value';
  const decoded = bytes ?? (/^[A-Za-z0-9+/]{40,}={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined);
  if (decoded) {
    if (KNOWN_DEVELOPMENT_VALUES.has(decoded.toString('base64'))) return 'is a development value published in the repository';
    if (DEVELOPMENT_MARKERS.test(decoded.toString('latin1'))) return 'is a placeholder or development value';
    // The tests' fixed keys (Buffer.alloc(32, 7)) and other keys nobody drew at random.
    if (decoded.length >= 16 && new Set(decoded).size < 8) return 'is not a random key';
  }
  return undefined;
}

/**
 * In a config schema's transform: with NODE_ENV=production, an issue for every named setting that
 * holds a known development value (ADR 39), naming the setting and never the value. A URL's password
 * is what is checked for a URL setting (DATABASE_URL).
 */
export function refuseDevelopmentValues(
  env: { NODE_ENV: string } & Record<string, unknown>,
  ctx: z.RefinementCtx,
  names: readonly string[],
): void {
  if (env.NODE_ENV !== 'production') return;
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value === null || value === '') continue;
    let checked: string | Buffer | undefined;
    if (Buffer.isBuffer(value)) checked = value;
    else if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) checked = safePassword(value);
    else if (typeof value === 'string') checked = value;
    const reason = checked === undefined ? undefined : developmentValueReason(checked);
    if (reason) ctx.addIssue({ code: 'custom', path: [name], message: `${reason}: set a value of your own in production` });
  }
}

function safePassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
