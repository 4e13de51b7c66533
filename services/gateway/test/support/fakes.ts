import type { Response } from 'express';
import { fullPermissions, noPermissions, type Membership, type Permissions, type Role, type UserAccess } from '@homi/contracts';
import { createLogger, newId, type HttpApp, devServiceKeys } from '@homi/service-kit';
import { capturedLog } from '@homi/testing';
import { TokenRejectedError, type TokenVerifier } from '../../src/application/ports';
import type { Principal } from '../../src/domain/principal';
import { createGatewayApp, type GatewayAppDeps } from '../../src/http/gateway-app';
import { TokenBucketLimiter } from '../../src/infrastructure/token-bucket-limiter';
import { SupportRefusalReporter } from '../../src/application/report-support-refusal';
import { InMemoryAuditTrail, InMemoryMembershipStore, InMemoryRefusalTrail, InMemorySupportGrantStore, InMemoryUserAccessStore } from '../../src/application/in-memory';
import type { Upstream, UpstreamAnswer, UpstreamRequest } from '../../src/infrastructure/upstream-proxy';
import { buildOpenApiDocument } from '../../src/openapi/document';

/** Accepts exactly the tokens it was given, as the principals it was given. */
export class FakeTokenVerifier implements TokenVerifier {
  readonly tokens = new Map<string, Principal>();

  /** `users`: where an issued token's user becomes known as identity would know them (active, nothing accepted), unless already there. */
  constructor(private readonly users?: InMemoryUserAccessStore) {}

  issue(userId = newId('usr'), roles: string[] = [], login: Pick<Principal, 'acr' | 'amr' | 'authTime'> = {}): { token: string; userId: string } {
    const token = `token-${userId}-${roles.join('+')}-${login.authTime ?? ''}-${login.acr ?? ''}`;
    this.tokens.set(token, { userId, roles, ...login });
    if (this.users && !this.users.has(userId)) this.users.put(userAccess(userId, null));
    return { token, userId };
  }

  async verify(token: string): Promise<Principal> {
    const principal = this.tokens.get(token);
    if (!principal) throw new TokenRejectedError('unknown test token');
    return principal;
  }
}

/** Records what would have gone upstream and answers 200 { forwarded: true }. */
export class RecordingUpstream implements Upstream {
  readonly requests: UpstreamRequest[] = [];

  /** `service`: the upstream's name, the audience of the credentials it receives. */
  constructor(private readonly service: string) {}

  async forward(request: UpstreamRequest, res: Response): Promise<void> {
    this.record(request);
    res.status(200).json({ forwarded: true });
  }

  async call(request: UpstreamRequest): Promise<UpstreamAnswer> {
    this.record(request);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ forwarded: true })) };
  }

  /** With the headers the HTTP upstream would send, the credential for this service included. */
  private record(request: UpstreamRequest): void {
    this.requests.push({ ...request, headers: { ...request.headers, ...request.credential?.({ audience: this.service, path: request.path }) } });
  }
}

export function membership(userId: string, tenantId: string, grants: Partial<Permissions> = {}, role: Role = 'staff'): Membership {
  const permissions = role === 'owner' ? fullPermissions() : { ...noPermissions(), ...grants };
  return { userId, tenantId, role, permissions, updatedAt: new Date().toISOString() };
}

export function userAccess(userId: string, acceptedStatementVersion: string | null, status: UserAccess['status'] = 'active'): UserAccess {
  return { userId, status, acceptedStatementVersion, updatedAt: new Date().toISOString() };
}

export interface FakeGateway {
  http: HttpApp;
  verifier: FakeTokenVerifier;
  memberships: InMemoryMembershipStore;
  users: InMemoryUserAccessStore;
  grants: InMemorySupportGrantStore;
  audit: InMemoryAuditTrail;
  /** Refused support calls as published: the first per key within an hour (the window is never flushed here). */
  refusals: InMemoryRefusalTrail;
  /** tenant-data */
  upstream: RecordingUpstream;
  identity: RecordingUpstream;
  privacy: RecordingUpstream;
  billing: RecordingUpstream;
  helpdesk: RecordingUpstream;
  logLines: string[];
}

/** The gateway's HTTP app over in-memory ports; `web` also serves a built web application. */
export function fakeGateway(perMinute = 10_000, web?: GatewayAppDeps['web'], overrides: Partial<GatewayAppDeps> = {}): FakeGateway {
  const log = capturedLog();
  const logger = createLogger({ service: 'gateway', destination: log.destination });
  const users = new InMemoryUserAccessStore();
  const verifier = new FakeTokenVerifier(users);
  const memberships = new InMemoryMembershipStore();
  const upstream = new RecordingUpstream('tenant-data');
  const identity = new RecordingUpstream('identity');
  const privacy = new RecordingUpstream('privacy');
  const billing = new RecordingUpstream('billing-integration');
  const helpdesk = new RecordingUpstream('helpdesk');
  const grants = new InMemorySupportGrantStore();
  const audit = new InMemoryAuditTrail();
  const refusals = new InMemoryRefusalTrail();
  const http = createGatewayApp({
    logger,
    verifier,
    memberships,
    users,
    grants,
    stepUp: { maxAgeSeconds: 900, acrValues: ['2'] },
    audit,
    refusals: new SupportRefusalReporter({ trail: refusals, logger, windowMs: 3_600_000 }),
    limiter: new TokenBucketLimiter({ perMinute }),
    signupLimiter: new TokenBucketLimiter({ perHour: perMinute }),
    tenantData: upstream,
    identity,
    privacy,
    billing,
    helpdesk,
    keys: devServiceKeys('gateway'),
    document: buildOpenApiDocument({ issuer: 'http://issuer.test/realms/homi' }),
    readiness: [],
    web,
    ...overrides,
  });
  return { http, verifier, memberships, users, grants, audit, refusals, upstream, identity, privacy, billing, helpdesk, logLines: log.lines };
}
