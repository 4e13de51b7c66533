import type { Permissions, Role } from '@homi/contracts';
import { AppError } from '@homi/service-kit';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

/** How long an invitation's link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/**
 * A colleague invited to a tenant: a tenant row that becomes a membership only when the mailbox's
 * owner accepts it (ADR invitations). The token itself was mailed; only its hash is kept.
 */
export class Invitation {
  status: InvitationStatus = 'pending';
  acceptedBy: string | null = null;
  decidedAt: Date | null = null;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly email: string,
    readonly suggestedName: string | null,
    readonly role: Role,
    readonly permissions: Permissions,
    readonly invitedBy: string,
    readonly tokenHash: string,
    readonly createdAt: Date,
    readonly expiresAt: Date,
  ) {}

  /** What a reader sees: a pending invitation past its time is expired, whether or not a job marked it. */
  statusAt(now: Date): InvitationStatus {
    return this.status === 'pending' && this.expiresAt.getTime() <= now.getTime() ? 'expired' : this.status;
  }

  /** Throws the problem a holder of the link gets when it can no longer be used. */
  assertUsable(now: Date): void {
    const status = this.statusAt(now);
    if (status === 'pending') return;
    throw invitationProblem(status);
  }

  decide(status: 'accepted' | 'declined' | 'revoked' | 'expired', now: Date, acceptedBy?: string): void {
    this.status = status;
    this.decidedAt = now;
    if (acceptedBy) this.acceptedBy = acceptedBy;
  }
}

export function invitationProblem(status: Exclude<InvitationStatus, 'pending'>): AppError {
  switch (status) {
    case 'accepted':
      return new AppError('conflict', 'This invitation has already been accepted.', { type: 'invitation-used' });
    case 'declined':
      return new AppError('gone', 'This invitation was declined.', { type: 'invitation-declined' });
    case 'revoked':
      return new AppError('gone', 'This invitation was withdrawn.', { type: 'invitation-revoked' });
    case 'expired':
      return new AppError('gone', 'This invitation has expired; ask for a new one.', { type: 'invitation-expired' });
  }
}

/** A code that names no invitation; the same answer for a mistyped, made-up or forgotten one. */
export const invitationNotFound = () => new AppError('not_found', 'No invitation has this code.', { type: 'invitation-not-found' });
