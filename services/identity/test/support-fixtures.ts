import { randomBytes } from 'node:crypto';
import { as, type Caller, type Harness } from './harness';

/** A HOMi support user's id and caller (realm role `support`); support users are not members of tenants. */
export const supportUser = () => `usr_support${randomBytes(5).toString('hex')}`;
export const supportCaller = (userId: string): Caller => ({ userId, realmRoles: ['support'] });
export const asSupport = (h: Pick<Harness, 'server'>, userId: string) => as(h, supportCaller(userId));

/** A request body citing a new open helpdesk ticket of the tenant (ADR 43), as support would send it. */
export const accessRequest = (h: Pick<Harness, 'tickets'>, tenantId: string, overrides: Record<string, unknown> = {}) => ({
  tenantId, reason: 'customer_initiated', ticketId: h.tickets.open(tenantId), modules: ['agenda', 'clients'], durationMinutes: 120, ...overrides,
});

export const supportPaths = {
  requests: '/api/v1/support/access-requests',
  coApprove: (id: string) => `/api/v1/support/access-requests/${id}/co-approve`,
  tenant: (tenantId: string) => `/api/v1/tenants/${tenantId}/support-access`,
  decide: (tenantId: string, id: string, what: 'approve' | 'deny' | 'revoke') => `/api/v1/tenants/${tenantId}/support-access/${id}/${what}`,
  auditLog: (tenantId: string) => `/api/v1/tenants/${tenantId}/audit-log`,
};

/** A clock tests can move forward; the service reads it wherever it asks the time. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => void (offsetMs += ms),
    reset: () => void (offsetMs = 0),
  };
}
