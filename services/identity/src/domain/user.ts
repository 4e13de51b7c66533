/** A person with an account. `id` is the identity provider's subject: the token's `sub` (ADR 9). */
export class User {
  phone: string | null = null;
  status: 'active' | 'disabled' = 'active';
  /** Set once the user asked to be forgotten (DELETE /me); a repeated request answers with it. */
  deletionRequestId: string | null = null;
  deletionRequestedAt: Date | null = null;
  /** When the identity provider confirmed the account is disabled; null while that is still owed. */
  idpDisabledAt: Date | null = null;
  /** A new address waiting for its mailbox's confirmation (ADR invitations); the old one is in use until then. */
  pendingEmail: string | null = null;
  pendingEmailTokenHash: string | null = null;
  pendingEmailExpiresAt: Date | null = null;
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly id: string,
    public email: string,
    public name: string,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}
