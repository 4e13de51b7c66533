import { z } from 'zod';
import { port, refuseDevelopmentValues } from './config';
import { serviceKeys, serviceKeySettings, type ServiceKeys, type Snake } from './service-keys';

type OwnDatabaseUrl<S extends string> = `${Uppercase<Snake<S>>}_DATABASE_URL`;

/** The setting that names a service's own database: `TENANT_DATA_DATABASE_URL` for tenant-data. */
export const ownDatabaseUrlSetting = <S extends string>(service: S): OwnDatabaseUrl<S> =>
  `${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL` as OwnDatabaseUrl<S>;

/**
 * What every database service's config schema adds to the base, for `baseConfigSchema.extend({ ... })`:
 * its port and host, its own database URL (else DATABASE_URL's server with `homi_<service>`), and its
 * service keys (ADR 38): its signing key and the keys it trusts.
 */
export function databaseServiceSettings<S extends string>(service: S, defaultPort: number) {
  const ownUrl = { [ownDatabaseUrlSetting(service)]: z.string().url().optional() } as { [K in OwnDatabaseUrl<S>]: z.ZodOptional<z.ZodString> };
  return { PORT: port(defaultPort), HOST: z.string().default('0.0.0.0'), ...ownUrl, ...serviceKeySettings(service) };
}

/**
 * In a database service's config transform: refuses the development values of its secrets (the NATS
 * password, the database URLs and `secrets`), asks for a database URL, and returns its service keys.
 */
export function databaseServiceChecks(
  service: string,
  env: { NODE_ENV: string; DATABASE_URL?: string } & Record<string, unknown>,
  ctx: z.RefinementCtx,
  secrets: readonly string[] = [],
): ServiceKeys {
  const ownUrl = ownDatabaseUrlSetting(service);
  refuseDevelopmentValues(env, ctx, ['NATS_PASSWORD', ...secrets, 'DATABASE_URL', ownUrl]);
  if (!env.DATABASE_URL && !env[ownUrl]) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: `set DATABASE_URL or ${ownUrl}` });
  }
  return serviceKeys(service, env, ctx);
}
