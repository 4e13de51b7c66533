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
import { buildOpenApiDocument } from './openapi/document';

export const SERVICE = 'gateway';

export interface Gateway {
  http: HttpApp;
  nc: NatsConnection;
  memberships: NatsMembershipStore;
  verifier: JwksTokenVerifier;
  tenantData: HttpUpstream;
  limiter: TokenBucketLimiter;
  stopSweeping: () => void;
}

export interface GatewayOptions {
  /** How often the membership watch is checked against the bucket. */
  membershipCheckIntervalMs?: number;
  /** How long tenant-data may take to start answering; default 10 s. */
  upstreamTimeoutMs?: number;
}

/**
 * Wires the gateway: NATS and the memberships bucket (watched), the issuer's keys (loaded in the
 * background, retried until the issuer answers), the tenant-data upstream, rate limits and routes.
 */
export async function buildGateway(config: Config, logger: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE, logger });
  const memberships = await NatsMembershipStore.open(nc, {
    bucket: config.MEMBERSHIPS_BUCKET,
    logger,
    checkIntervalMs: options.membershipCheckIntervalMs,
  });
  const verifier = new JwksTokenVerifier({
    issuer: config.OIDC_ISSUER_URL,
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
    logger,
  });
  void verifier.start();
  const tenantData = new HttpUpstream(config.TENANT_DATA_URL, { name: 'tenant-data', logger, timeoutMs: options.upstreamTimeoutMs });
  const limiter = new TokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE });
  const stopSweeping = limiter.startSweeping();

  const http = createGatewayApp({
    logger,
    verifier,
    memberships,
    limiter,
    tenantData,
    internalSecret: config.INTERNAL_AUTH_SECRET,
    document: buildOpenApiDocument({ issuer: config.OIDC_ISSUER_URL }),
    trustProxyHops: config.TRUST_PROXY_HOPS,
    readiness: [
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
      { name: 'memberships', check: () => memberships.assertLive() },
      { name: 'jwks', check: async () => { if (!verifier.isReady()) throw new Error('issuer keys not loaded'); } },
    ],
  });
  return { http, nc, memberships, verifier, tenantData, limiter, stopSweeping };
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
  gateway.tenantData.close();
  if (!gateway.nc.isClosed()) await gateway.nc.drain();
}
