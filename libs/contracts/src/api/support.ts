import { z } from 'zod';
import { isoDateTime, tenantId, userId } from '../contract';
import { Module } from '../identity';
import { ticketId } from '../helpdesk';
import { MAX_SUPPORT_GRANT_MINUTES, SupportMode, SupportReason, supportRequestId } from '../support';
import { cursor, pageLimit } from './common';

// Request and response shapes of identity's support-access and audit-log routes (issue 6). identity
// validates with them; the gateway publishes them in the OpenAPI document.

/** The problem of a request that names no open helpdesk ticket of the institute (ADR 43): 422, nothing recorded. */
export const TICKET_REQUIRED_PROBLEM = 'ticket-required';

const modules = z
  .array(Module)
  .min(1)
  .max(6)
  .refine((m) => new Set(m).size === m.length, 'must not name a module twice');
const durationMinutes = z.number().int().min(1).max(MAX_SUPPORT_GRANT_MINUTES);

export const CreateSupportAccessRequest = z.strictObject({
  tenantId,
  reason: SupportReason,
  /**
   * An open helpdesk ticket of this institute (not `closed`; `solved` counts as open), ADR 43. Left
   * out, or not such a ticket: 422 `ticket-required`, and nothing is recorded.
   */
  ticketId: ticketId.optional(),
  modules,
  /** write needs a second support user's co-approval before the owner can approve it. */
  mode: SupportMode.default('read'),
  durationMinutes,
});

/**
 * awaiting_co_approval (write) → pending → active → ended | revoked; pending or awaiting → denied, or
 * expired when no owner answered within SUPPORT_REQUEST_TTL_HOURS.
 */
export const SUPPORT_ACCESS_STATUSES = ['awaiting_co_approval', 'pending', 'active', 'denied', 'revoked', 'expired', 'ended'] as const;
export const SupportAccessStatus = z.enum(SUPPORT_ACCESS_STATUSES);

/** An owner may narrow what was asked: fewer modules, a shorter time, read instead of write. */
export const ApproveSupportAccess = z.strictObject({
  modules: modules.optional(),
  durationMinutes: durationMinutes.optional(),
  mode: z.literal('read').optional(),
});

/** deny and revoke take no body (or an empty object). */
export const DecideSupportAccess = z.strictObject({});

export const SupportAccessRequest = z.object({
  id: supportRequestId,
  tenantId,
  supportUserId: userId,
  reason: SupportReason,
  /** The helpdesk ticket the request cites (requests from before ADR 43 hold a free-text reference). */
  ticketId: z.string(),
  /** The ticket's subject, asked of the helpdesk when shown; null when it is erased or the helpdesk did not answer. */
  ticketSubject: z.string().nullable(),
  /** What was asked. */
  modules: z.array(Module),
  mode: SupportMode,
  durationMinutes: z.number().int(),
  status: SupportAccessStatus,
  createdAt: isoDateTime,
  /** An unanswered request expires at this time. */
  answerBy: isoDateTime,
  coApprovedBy: userId.nullable(),
  coApprovedAt: isoDateTime.nullable(),
  decidedBy: userId.nullable(),
  decidedAt: isoDateTime.nullable(),
  /** What an owner approved (possibly narrower than asked), once approved. */
  grant: z
    .object({ modules: z.array(Module), mode: SupportMode, durationMinutes: z.number().int(), startsAt: isoDateTime, expiresAt: isoDateTime })
    .nullable(),
  /** When a grant ended, was revoked, or the request expired. */
  endedAt: isoDateTime.nullable(),
});
export const SupportAccessRequestList = z.object({ items: z.array(SupportAccessRequest), nextCursor: z.string().nullable() });

export const ListSupportAccessQuery = z.strictObject({ limit: pageLimit, cursor: cursor.optional() });
/** GET /tenants/{tenantId}/support-access: optionally only requests in these statuses (comma-separated). */
export const ListTenantSupportAccessQuery = ListSupportAccessQuery.extend({
  status: z
    .string()
    .max(200)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be statuses separated by commas')
    .transform((v) => [...new Set(v.split(','))])
    .pipe(z.array(SupportAccessStatus).min(1))
    .optional(),
});
/** GET /support/access-requests: the caller's own requests, or (to co-approve) everyone's awaiting co-approval. */
export const ListOwnSupportAccessQuery = ListSupportAccessQuery.extend({
  scope: z.enum(['mine', 'awaiting_co_approval']).default('mine'),
});

/** Every action a tenant's audit log records, by category (the part before the dot). */
export const AUDIT_ACTIONS = {
  supportRequested: 'support-access.requested',
  supportCoApproved: 'support-access.co-approved',
  supportApproved: 'support-access.approved',
  supportDenied: 'support-access.denied',
  supportRevoked: 'support-access.revoked',
  supportExpired: 'support-access.expired',
  supportEnded: 'support-access.ended',
  memberAdded: 'member.added',
  memberChanged: 'member.changed',
  memberRemoved: 'member.removed',
  /** An invitation was sent; `member.added` follows when the invitee accepts (its actor is the invitee). */
  memberInvited: 'member.invited',
  invitationDeclined: 'member.invitation-declined',
  invitationRevoked: 'member.invitation-revoked',
  /** A call a support user made under a grant, as the gateway reported it. */
  supportAction: 'support.action',
  /** A support user's call the gateway refused (no grant, out of its scope, no recent MFA), as it reported it. */
  supportRefused: 'support.refused',
  /** One of the tenant's own sensitive actions (an export, a privacy request), as the gateway reported it. */
  tenantAction: 'tenant.action',
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
export const AUDIT_ACTION_NAMES = Object.values(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
/** `member`, `support-access`, `support`, `tenant`: a filter on a category takes every action in it. */
export const AUDIT_ACTION_CATEGORIES = [...new Set(AUDIT_ACTION_NAMES.map((a) => a.split('.')[0]!))] as [string, ...string[]];
/** The actions of a category, or the one action named. */
export const auditActionsMatching = (filter: string): AuditAction[] =>
  AUDIT_ACTION_NAMES.filter((a) => a === filter || a.startsWith(`${filter}.`));

export const AuditActor = z.object({ kind: z.enum(['member', 'support', 'system']), userId: userId.optional() });
export const AuditLogEntry = z.object({
  seq: z.number().int().min(1),
  at: isoDateTime,
  actor: AuditActor,
  /** e.g. `support-access.approved`, `member.changed`, `support.action`, `tenant.action`. */
  action: z.string(),
  /** Ids, codes and counts only: no names, addresses or free text. */
  details: z.record(z.string(), z.unknown()),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export const AuditLogPage = z.object({ items: z.array(AuditLogEntry), nextCursor: z.string().nullable() });
/**
 * One page of the log, newest first; the filters combine (and). `actor`: entries by this user.
 * `action`: one action (`member.changed`) or a whole category (`member`). `support=true`: entries
 * about HOMi support only (its calls and refusals, and every step of its access requests).
 */
export const AuditLogQuery = z.strictObject({
  limit: pageLimit,
  cursor: cursor.optional(),
  actor: userId.optional(),
  action: z.enum([...AUDIT_ACTION_NAMES, ...AUDIT_ACTION_CATEGORIES]).optional(),
  support: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

/** Whether the tenant's hash chain recomputes from its first kept row to its newest. */
export const AuditLogVerification = z.object({
  verified: z.boolean(),
  /** Rows checked (all of the tenant's kept rows when verified). */
  entries: z.number().int().min(0),
  checkedAt: isoDateTime,
  /** The first row that does not chain, and how: its sequence, its link to the row before, or its own hash. */
  firstBroken: z.object({ seq: z.number().int().min(1), problem: z.enum(['sequence', 'prev_hash', 'hash']) }).nullable(),
});
export type AuditLogVerification = z.infer<typeof AuditLogVerification>;

/** Problem types (RFC 9457 `type`, relative like every HOMi problem type). */
export const SUPPORT_PROBLEMS = {
  /** 403: co-approving one's own write request. */
  coApprovalByRequester: 'support-co-approval-by-requester',
  /** 409: approving a write request no second support user co-approved (narrow it to read, or wait). */
  coApprovalRequired: 'support-co-approval-required',
  /** 409: the request is not in a state that allows this (e.g. approving a denied one, revoking a pending one). */
  invalidTransition: 'support-access-invalid-transition',
  /** 409: no owner answered in time; the support user must ask again. */
  requestExpired: 'support-request-expired',
  /** 403: only an owner of the tenant decides on support access. */
  ownerRequired: 'support-decision-owner-required',
  /** 403: a tenant's support access and audit log are for its owners and admins. */
  ownerOrAdminRequired: 'tenant-owner-or-admin-required',
  /** 403: a support user cannot decide on access for themselves, nor act on these routes under a grant. */
  supportSelfDecision: 'support-self-decision',
  /** 400: an approval can only narrow the request (fewer modules, shorter, read instead of write). */
  scopeNotNarrower: 'support-scope-not-narrower',
} as const;

export type CreateSupportAccessRequest = z.infer<typeof CreateSupportAccessRequest>;
export type ApproveSupportAccess = z.infer<typeof ApproveSupportAccess>;
export type SupportAccessStatus = z.infer<typeof SupportAccessStatus>;
export type SupportAccessRequest = z.infer<typeof SupportAccessRequest>;
export type SupportAccessRequestList = z.infer<typeof SupportAccessRequestList>;
export type AuditActor = z.infer<typeof AuditActor>;
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;
export type AuditLogPage = z.infer<typeof AuditLogPage>;
