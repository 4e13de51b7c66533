import { supportApi, type Module, type SupportMode, type SupportReason } from '@homi/contracts';
import { AppError } from '@homi/service-kit';

export type SupportAccessStatus = supportApi.SupportAccessStatus;
const P = supportApi.SUPPORT_PROBLEMS;
const MINUTE = 60_000;

/** The scope an owner approved; what the gateway enforces while the grant is active. */
export interface GrantedScope {
  modules: Module[];
  mode: SupportMode;
  minutes: number;
}

/**
 * A support user's request for access to one tenant, and the grant it becomes once an owner
 * approves it. A tenant row (ADR 4). The transitions below are the only ways its status changes.
 */
export class SupportAccessRequest {
  status: SupportAccessStatus;
  coApprovedBy: string | null = null;
  coApprovedAt: Date | null = null;
  decidedBy: string | null = null;
  decidedAt: Date | null = null;
  grantedModules: Module[] | null = null;
  grantedMode: SupportMode | null = null;
  grantedMinutes: number | null = null;
  startsAt: Date | null = null;
  expiresAt: Date | null = null;
  endedAt: Date | null = null;
  updatedAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly supportUserId: string,
    readonly reason: SupportReason,
    readonly ticket: string,
    readonly modules: Module[],
    readonly mode: SupportMode,
    readonly durationMinutes: number,
    readonly createdAt: Date,
  ) {
    this.status = mode === 'write' ? 'awaiting_co_approval' : 'pending';
    this.updatedAt = createdAt;
  }
}

const conflict = (detail: string, type: string = P.invalidTransition) => new AppError('conflict', detail, { type });
const forbidden = (detail: string, type: string) => new AppError('forbidden', detail, { type });

/** When an unanswered request stops being answerable. */
export const answerBy = (r: SupportAccessRequest, ttlMs: number) => new Date(r.createdAt.getTime() + ttlMs);

function assertOpen(r: SupportAccessRequest, now: Date, ttlMs: number): void {
  if (r.status !== 'awaiting_co_approval' && r.status !== 'pending') throw conflict(`This request is ${r.status}, no longer open.`);
  if (now >= answerBy(r, ttlMs)) throw conflict('Nobody answered this request in time; the support user must ask again.', P.requestExpired);
}

/** A second support user vouches for a write request; only then may an owner approve it as write. */
export function coApprove(r: SupportAccessRequest, by: string, now: Date, ttlMs: number): void {
  if (by === r.supportUserId) throw forbidden('A second support user must co-approve a write request.', P.coApprovalByRequester);
  assertOpen(r, now, ttlMs);
  if (r.status !== 'awaiting_co_approval') throw conflict('Only a write request awaiting co-approval can be co-approved.');
  Object.assign(r, { status: 'pending', coApprovedBy: by, coApprovedAt: now, updatedAt: now });
}

/** The approved scope: what was asked, narrowed as the owner said; never wider (400 otherwise). */
export function narrowedScope(r: SupportAccessRequest, input: supportApi.ApproveSupportAccess): GrantedScope {
  const modules = input.modules ?? r.modules;
  const extra = modules.filter((m) => !r.modules.includes(m));
  const errors = [
    ...(extra.length ? [{ path: 'modules', message: `were not requested: ${extra.join(', ')}` }] : []),
    ...((input.durationMinutes ?? 0) > r.durationMinutes ? [{ path: 'durationMinutes', message: `must be at most the ${r.durationMinutes} requested` }] : []),
  ];
  if (errors.length) throw new AppError('invalid', 'An approval can only narrow what was requested.', { type: P.scopeNotNarrower, errors });
  return { modules: [...modules], mode: input.mode ?? r.mode, minutes: input.durationMinutes ?? r.durationMinutes };
}

/** An owner opens access for the scope; a write grant needs the co-approval, a read one does not. */
export function approve(r: SupportAccessRequest, by: string, scope: GrantedScope, now: Date, ttlMs: number): void {
  if (by === r.supportUserId) throw forbidden('A support user cannot approve access for themselves.', P.supportSelfDecision);
  assertOpen(r, now, ttlMs);
  if (scope.mode === 'write' && !r.coApprovedBy) {
    throw conflict('Write access needs a second support user\'s co-approval first; approve it as read, or wait.', P.coApprovalRequired);
  }
  Object.assign(r, {
    status: 'active', decidedBy: by, decidedAt: now, grantedModules: scope.modules, grantedMode: scope.mode, grantedMinutes: scope.minutes,
    startsAt: now, expiresAt: new Date(now.getTime() + scope.minutes * MINUTE), updatedAt: now,
  });
}

export function deny(r: SupportAccessRequest, by: string, now: Date, ttlMs: number): void {
  if (by === r.supportUserId) throw forbidden('A support user cannot decide on access for themselves.', P.supportSelfDecision);
  assertOpen(r, now, ttlMs);
  Object.assign(r, { status: 'denied', decidedBy: by, decidedAt: now, updatedAt: now });
}

/** The tenant ends an active grant at once. */
export function revoke(r: SupportAccessRequest, now: Date): void {
  if (r.status !== 'active') throw conflict(`Only active access can be revoked; this request is ${r.status}.`);
  if (r.expiresAt && now >= r.expiresAt) throw conflict('This access has already ended.');
  Object.assign(r, { status: 'revoked', endedAt: now, updatedAt: now });
}

/** What the expiry job does to a request at `now`: expire an unanswered one, end a grant whose time is up. */
export function lapse(r: SupportAccessRequest, now: Date, ttlMs: number): 'expired' | 'ended' | undefined {
  const open = r.status === 'awaiting_co_approval' || r.status === 'pending';
  if (open && now >= answerBy(r, ttlMs)) {
    Object.assign(r, { status: 'expired', endedAt: now, updatedAt: now });
    return 'expired';
  }
  if (r.status === 'active' && r.expiresAt && now >= r.expiresAt) {
    // The grant ended at its expiry time, whenever the job noticed.
    Object.assign(r, { status: 'ended', endedAt: r.expiresAt, updatedAt: now });
    return 'ended';
  }
  return undefined;
}

/**
 * What closing the cited helpdesk ticket does to a request (ADR 43): an unanswered one expires, an
 * active grant ends now. Requests already decided or over are left as they are.
 */
export function endForClosedTicket(r: SupportAccessRequest, now: Date): 'expired' | 'ended' | undefined {
  if (r.status === 'awaiting_co_approval' || r.status === 'pending') {
    Object.assign(r, { status: 'expired', endedAt: now, updatedAt: now });
    return 'expired';
  }
  if (r.status === 'active') {
    Object.assign(r, { status: 'ended', endedAt: now, updatedAt: now });
    return 'ended';
  }
  return undefined;
}
