import type { Server } from 'node:http';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@homi/messaging';
import type { HttpApp, Logger } from '@homi/service-kit';
import type { Config } from './config';
import { createGatewayApp } from './http/gateway-app';
import { TokenBucketLimiter } from './http/rate-limit';
import { NatsMembershipStore } from './infrastructure/membership-store';
import { JwksTokenVerifier } from './infrastructure/token-verifier';
import { HttpUpstream } from './infrastructure/upstream-proxy';
import { NatsUserAccessStore } from './infrastructure/user-access-store';
import { buildOpenApiDocument } from './openapi/document';

export const SERVICE = 'gateway';

export interface Gateway {
  http: HttpApp;
  nc: NatsConnection;
  memberships: NatsMembershipStore;
  users: NatsUserAccessStore;
  verifier: JwksTokenVerifier;
  tenantData: HttpUpstream;
  identity: HttpUpstream;
  privacy: HttpUpstream;
  limiter: TokenBucketLimiter;
  signupLimiter: TokenBucketLimiter;
  stopSweeping: () => void;
}

export interface GatewayOptions {
  /** How often the KV watches (memberships, users) are checked against their buckets. */
  watchCheckIntervalMs?: number;
  /** How long a service may take to start answering; default 10 s. */
  upstreamTimeoutMs?: number;
}

/**
 * Wires the gateway: NATS and the memberships and users buckets (watched), the issuer's keys (loaded
 * in the background, retried until the issuer answers), the upstreams, rate limits and routes.
 */
export async function buildGateway(config: Config, logger: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE, logger });
  const watch = { logger, checkIntervalMs: options.watchCheckIntervalMs };
  const memberships = await NatsMembershipStore.open(nc, { ...watch, bucket: config.MEMBERSHIPS_BUCKET });
  const users = await NatsUserAccessStore.open(nc, { ...watch, bucket: config.USERS_BUCKET });
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
  const limiter = new TokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE });
  const signupLimiter = new TokenBucketLimiter({ perHour: config.SIGNUP_RATE_LIMIT_PER_HOUR });
  const stopSweeps = [limiter.startSweeping(), signupLimiter.startSweeping()];

  const http = createGatewayApp({
    logger,
    verifier,
    memberships,
    users,
    limiter,
    signupLimiter,
    tenantData,
    identity,
    privacy,
    internalSecret: config.INTERNAL_AUTH_SECRET,
    document: buildOpenApiDocument({ issuer: config.OIDC_ISSUER_URL }),
    trustProxyHops: config.TRUST_PROXY_HOPS,
    readiness: [
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
      { name: 'memberships', check: () => memberships.assertLive() },
      { name: 'users', check: () => users.assertLive() },
      { name: 'jwks', check: async () => { if (!verifier.isReady()) throw new Error('issuer keys not loaded'); } },
    ],
  });
  const stopSweeping = () => stopSweeps.forEach((stop) => stop());
  return { http, nc, memberships, users, verifier, tenantData, identity, privacy, limiter, signupLimiter, stopSweeping };
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
  gateway.tenantData.close();
  gateway.identity.close();
  gateway.privacy.close();
  if (!gateway.nc.isClosed()) await gateway.nc.drain();
}
