import type { Server } from 'node:http';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AUDIT_STREAM, GATEWAY_STREAM } from '@homi/contracts';
import { connectNats, ensureStream, natsCredentials, natsReadiness } from '@homi/messaging';
import type { HttpApp, Logger } from '@homi/service-kit';
import type { AuditTrail, RefusalTrail } from './application/ports';
import { SupportRefusalReporter } from './application/report-support-refusal';
import type { Config } from './config';
import { countTenantRequests } from './http/count-tenant-requests';
import { createGatewayApp } from './http/gateway-app';
import { API_ROUTES } from './http/route-table';
import { TokenBucketLimiter } from './infrastructure/token-bucket-limiter';
import { JetStreamAuditTrail, JetStreamRefusalTrail } from './infrastructure/jetstream-trails';
import { NatsMembershipStore } from './infrastructure/membership-store';
import { NatsSupportGrantStore } from './infrastructure/support-grant-store';
import { JwksTokenVerifier } from './infrastructure/token-verifier';
import { HttpUpstream } from './infrastructure/upstream-proxy';
import { UsageReporter } from './infrastructure/usage-reporter';
import { NatsUserAccessStore } from './infrastructure/user-access-store';
import { buildOpenApiDocument } from './openapi/document';

export const SERVICE = 'gateway';

export interface Gateway {
  http: HttpApp;
  nc: NatsConnection;
  memberships: NatsMembershipStore;
  users: NatsUserAccessStore;
  grants: NatsSupportGrantStore;
  verifier: JwksTokenVerifier;
  tenantData: HttpUpstream;
  identity: HttpUpstream;
  privacy: HttpUpstream;
  billing: HttpUpstream;
  helpdesk: HttpUpstream;
  limiter: TokenBucketLimiter;
  signupLimiter: TokenBucketLimiter;
  stopSweeping: () => void;
  /** Refused support calls, reported to the AUDIT stream best effort (ADR 21). */
  refusals: SupportRefusalReporter;
  /** Tenant calls counted per day and module, reported to the GATEWAY stream (ADR 16). */
  usage: UsageReporter;
}

export interface GatewayOptions {
  /** How often the KV watches (memberships, users, support grants) are checked against their buckets. */
  watchCheckIntervalMs?: number;
  /** How long a service may take to start answering; default 10 s. */
  upstreamTimeoutMs?: number;
  /** Replaces the AUDIT stream publisher (tests: one on a connection that can be cut). */
  audit?: AuditTrail;
  /** Replaces the publisher of refused support calls (tests: one on a connection that can be cut). */
  refusals?: RefusalTrail;
}

/**
 * Wires the gateway: NATS, the memberships, users and support-grants buckets (watched), the AUDIT
 * stream (calls let through, support calls refused), the issuer's keys (loaded in the background,
 * retried until the issuer answers), the upstreams, rate limits and routes.
 */
export async function buildGateway(config: Config, logger: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE, logger, credentials: natsCredentials(config) });
  const watch = { logger, checkIntervalMs: options.watchCheckIntervalMs };
  const memberships = await NatsMembershipStore.open(nc, { ...watch, bucket: config.MEMBERSHIPS_BUCKET });
  const users = await NatsUserAccessStore.open(nc, { ...watch, bucket: config.USERS_BUCKET });
  const grants = await NatsSupportGrantStore.open(nc, { ...watch, bucket: config.SUPPORT_GRANTS_BUCKET });
  // Identity consumes it into each tenant's audit log; whoever starts first creates it.
  await ensureStream(await jetstreamManager(nc), { name: AUDIT_STREAM.name, subjects: [...AUDIT_STREAM.subjects], maxAgeMs: AUDIT_STREAM.maxAgeMs });
  const audit = options.audit ?? new JetStreamAuditTrail(nc);
  const refusals = new SupportRefusalReporter({
    trail: options.refusals ?? new JetStreamRefusalTrail(nc), logger, windowMs: config.SUPPORT_REFUSAL_WINDOW_SECONDS * 1000,
  }).start();
  const verifier = new JwksTokenVerifier({
    issuer: config.OIDC_ISSUER_URL,
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
    logger,
  });
  void verifier.start();
  const upstream = { logger, timeoutMs: options.upstreamTimeoutMs };
  const tenantData = new HttpUpstream(config.TENANT_DATA_URL, { ...upstream, name: 'tenant-data' });
  const identity = new HttpUpstream(config.IDENTITY_URL, { ...upstream, name: 'identity' });
  const privacy = new HttpUpstream(config.PRIVACY_URL, { ...upstream, name: 'privacy' });
  const billing = new HttpUpstream(config.BILLING_INTEGRATION_URL, { ...upstream, name: 'billing-integration' });
  const helpdesk = new HttpUpstream(config.HELPDESK_URL, { ...upstream, name: 'helpdesk' });
  const limiter = new TokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE });
  const signupLimiter = new TokenBucketLimiter({ perHour: config.SIGNUP_RATE_LIMIT_PER_HOUR });
  const stopSweeps = [limiter.startSweeping(), signupLimiter.startSweeping()];
  // Usage reports (ADR 16): the privacy service consumes them.
  const js = jetstream(nc);
  await ensureStream(await js.jetstreamManager(), { name: GATEWAY_STREAM.name, subjects: [...GATEWAY_STREAM.subjects], maxAgeMs: GATEWAY_STREAM.maxAgeMs });
  const usage = new UsageReporter({ js, logger, flushIntervalMs: config.USAGE_FLUSH_SECONDS * 1000 });
  usage.start();

  const http = createGatewayApp({
    logger,
    verifier,
    memberships,
    users,
    grants,
    stepUp: { maxAgeSeconds: config.SUPPORT_MFA_MAX_AGE_SECONDS, acrValues: config.SUPPORT_MFA_ACR_VALUES },
    recentSignInMaxAgeSeconds: config.RECENT_SIGN_IN_MAX_AGE_SECONDS,
    audit,
    refusals,
    limiter,
    signupLimiter,
    tenantData,
    identity,
    privacy,
    billing,
    helpdesk,
    usage: countTenantRequests(usage, API_ROUTES),
    keys: config.SERVICE_KEYS,
    document: buildOpenApiDocument({ issuer: config.OIDC_ISSUER_URL }),
    trustProxyHops: config.TRUST_PROXY_HOPS,
    web: { distDir: config.WEB_DIST_DIR, oidc: { issuer: config.WEB_OIDC_ISSUER, clientId: config.WEB_OIDC_CLIENT_ID } },
    readiness: [
      { name: 'nats', check: natsReadiness(nc) },
      { name: 'memberships', check: () => memberships.assertLive() },
      { name: 'users', check: () => users.assertLive() },
      { name: 'support grants', check: () => grants.assertLive() },
      { name: 'jwks', check: async () => { if (!verifier.isReady()) throw new Error('issuer keys not loaded'); } },
    ],
  });
  const stopSweeping = () => stopSweeps.forEach((stop) => stop());
  return { http, nc, memberships, users, grants, verifier, tenantData, identity, privacy, billing, helpdesk, limiter, signupLimiter, stopSweeping, refusals, usage };
}

/** Stops in an order that loses nothing: the server, background work, then NATS (drained). */
export async function stopGateway(gateway: Gateway, server?: Server): Promise<void> {
  if (server) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
  gateway.verifier.stop();
  gateway.stopSweeping();
  await gateway.memberships.stop();
  await gateway.users.stop();
  await gateway.grants.stop();
  gateway.tenantData.close();
  gateway.identity.close();
  gateway.privacy.close();
  gateway.billing.close();
  gateway.helpdesk.close();
  await gateway.usage.stop();
  await gateway.refusals.stop();
  if (!gateway.nc.isClosed()) await gateway.nc.drain();
}
