import { newId } from '@homi/service-kit';
import type { SupportGrant } from '@homi/contracts';
import type { ApiRoute } from '../../src/http/api-route';
import type { Claims } from './issuer';
import type { Harness } from './harness';

/** A grant an owner approved a minute ago for 30 minutes: clients, read, unless overridden. */
export function supportGrant(supportUserId: string, tenantId: string, overrides: Partial<SupportGrant> = {}): SupportGrant {
  const now = Date.now();
  return {
    requestId: newId('sar'),
    tenantId,
    supportUserId,
    modules: ['clients'],
    mode: 'read',
    approvedBy: newId('usr'),
    startsAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 30 * 60_000).toISOString(),
    ...overrides,
  };
}

/** Claims of a support user's token: realm role support, and a TOTP login `ageSeconds` ago. */
export function supportClaims(ageSeconds = 0, overrides: Claims = {}): Claims {
  return {
    realm_access: { roles: ['default-roles-homi', 'offline_access', 'support'] },
    acr: '2',
    amr: ['pwd', 'otp'],
    auth_time: Math.floor(Date.now() / 1000) - ageSeconds,
    ...overrides,
  };
}

const ID_PREFIXES = ['cli', 'apt', 'dsr', 'inv', 'ivt', 'sar', 'usr', 'tkt', 'trt', 'imp'];

/** The route's path with the tenant and a well-formed id for each other path parameter. */
export function concretePath(route: ApiRoute, tenantId: string): string {
  return '/api/v1' + route.path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'tenantId') return tenantId;
    const id = ID_PREFIXES.map((prefix) => newId(prefix)).find((candidate) => route.ids[name]?.accepts(candidate));
    if (!id) throw new Error(`no sample id for ${name} of ${route.operationId}`);
    return id;
  });
}

/** A new tenant and support user, with a grant for them (supportGrant's, with `overrides`) stored in the bucket. */
export async function grantedSupportUser(h: Pick<Harness, 'putGrant'>, overrides: Partial<SupportGrant> = {}) {
  const tenantId = newId('ten');
  const supportUserId = newId('usr');
  const grant = supportGrant(supportUserId, tenantId, overrides);
  await h.putGrant(grant);
  return { tenantId, supportUserId, grant };
}
