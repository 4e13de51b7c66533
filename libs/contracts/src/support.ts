import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, tenantId, userId } from './contract';
import { namespacedStream, natsName } from './nats-namespace';
import { Module } from './identity';

// Support access (ARCHITECTURE.md "Multi-tenancy and access"): HOMi support staff get into a tenant
// only under a grant an owner of that tenant approved, time-boxed and scoped to modules and a mode.
// Identity owns requests, grants and each tenant's audit log; the gateway enforces grants and
// reports every action a support user performs under one.

export const supportRequestId = prefixedId('sar');
export const SUPPORT_REASONS = ['customer_initiated', 'incident', 'legal_request'] as const;
export const SupportReason = z.enum(SUPPORT_REASONS);
/** read: view level on the granted modules; write: edit level (needs a second support user's co-approval). */
export const SupportMode = z.enum(['read', 'write']);
export type SupportReason = z.infer<typeof SupportReason>;
export type SupportMode = z.infer<typeof SupportMode>;

/** The longest access a support user may ask for or be granted. */
export const MAX_SUPPORT_GRANT_MINUTES = 24 * 60;
/** A request no owner answered within this time expires. */
export const SUPPORT_REQUEST_TTL_HOURS = 12;

/**
 * An approved, active grant as identity publishes it to the support-grants KV bucket (key = the
 * request id) and the gateway reads it. The key is deleted when the grant is revoked or ends; the
 * gateway also checks `expiresAt` itself, so access ends on time even if that deletion is late.
 */
export const SupportGrant = z.strictObject({
  requestId: supportRequestId,
  tenantId,
  supportUserId: userId,
  modules: z.array(Module).min(1).max(6),
  mode: SupportMode,
  approvedBy: userId,
  startsAt: isoDateTime,
  expiresAt: isoDateTime,
});
export type SupportGrant = z.infer<typeof SupportGrant>;

export const SUPPORT_GRANTS_BUCKET = natsName.bucket('homi_support_grants');

/** A support user asked for access to a tenant: the owners are to be notified (a mail sender consumes it). */
export const SupportAccessRequested = defineContract(
  'identity.support-access.requested.v1',
  1,
  z.strictObject({ requestId: supportRequestId, tenantId, occurredAt: isoDateTime }),
);
export type SupportAccessRequested = z.infer<typeof SupportAccessRequested.schema>;

/** A grant was approved, denied, revoked, expired or co-approved: the grants KV projection re-reads it. */
export const SupportAccessChanged = defineContract(
  'identity.support-access.changed.v1',
  1,
  z.strictObject({ requestId: supportRequestId, tenantId, occurredAt: isoDateTime }),
);
export type SupportAccessChanged = z.infer<typeof SupportAccessChanged.schema>;

/**
 * One call the gateway let through that a tenant's audit log must show: every call of a support user
 * under a grant (published, and acknowledged by JetStream, before the call is forwarded: no audit,
 * no access) and the tenant's own sensitive actions (exports, privacy requests about clients,
 * integration changes). `eventId` is a fresh id the gateway makes per call (not the request id, which
 * a client may choose and repeat), also the message id, so a retried publish is recorded once.
 * Identity appends it to the tenant's hash-chained audit log.
 */
export const TenantActionPerformed = defineContract(
  'audit.tenant-action.performed.v1',
  1,
  z.strictObject({
    eventId: z.string().min(1).max(100),
    tenantId,
    actor: z.strictObject({ kind: z.enum(['member', 'support']), userId }),
    /** The grant a support user acted under. */
    supportRequestId: supportRequestId.optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** The route's template under /api/v1, e.g. `/tenants/:tenantId/clients/:clientId`: no query, no body. */
    route: z.string().min(1).max(200),
    /** The ids in the path besides the tenant's (`clientId` → `cli_…`). */
    resourceIds: z.record(z.string().max(40), z.string().max(100)),
    occurredAt: isoDateTime,
  }),
);
export type TenantActionPerformed = z.infer<typeof TenantActionPerformed.schema>;

/** Why the gateway refused a support user who is not a member of the tenant (the problem type it answered). */
export const SUPPORT_REFUSAL_REASONS = ['support-access-grant-required', 'support-access-out-of-scope', 'step-up-required'] as const;
export const SupportRefusalReason = z.enum(SUPPORT_REFUSAL_REASONS);
export type SupportRefusalReason = z.infer<typeof SupportRefusalReason>;

/**
 * A support user's call to a tenant that the gateway refused: no active grant, a grant that does not
 * cover the route, or no recent multi-factor login. Best effort (the call is refused whether or not
 * this is stored) and throttled per (support user, tenant, route, reason): `repeats` counts the
 * identical refusals before this one, since the previous event, that got no event of their own.
 * `supportRequestId` names the active grant when the call was out of its scope. Identity appends it
 * to the tenant's audit log (an unknown tenant gets nothing). A separate subject, not a field of
 * TenantActionPerformed, whose strict v1 schema older consumers would dead-letter with a new field.
 */
export const SupportAccessRefused = defineContract(
  'audit.support-access.refused.v1',
  1,
  z.strictObject({
    eventId: z.string().min(1).max(100),
    tenantId,
    supportUserId: userId,
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** The route's template under /api/v1, as in TenantActionPerformed. */
    route: z.string().min(1).max(200),
    /** The well-formed ids in the path besides the tenant's. */
    resourceIds: z.record(z.string().max(40), z.string().max(100)),
    reason: SupportRefusalReason,
    supportRequestId: supportRequestId.optional(),
    repeats: z.number().int().min(0).max(1_000_000_000).default(0),
    occurredAt: isoDateTime,
  }),
);
export type SupportAccessRefused = z.infer<typeof SupportAccessRefused.schema>;

/** The gateway's audit events; short retention because identity copies them into its own log. */
export const AUDIT_STREAM = namespacedStream({ name: 'AUDIT', subjects: ['audit.>'], maxAgeMs: 7 * 24 * 3600_000 });
