/**
 * The saga log of one sign-up (ADR 8). Written before the account exists, so a crash between the
 * steps leaves a row the sweeper can compensate. The e-mail address is kept only while pending.
 */
export class SignupAttempt {
  userId: string | null = null;
  status: 'pending' | 'completed' | 'failed' = 'pending';
  /** A reason code (never personal data) when failed. */
  failure: string | null = null;
  updatedAt: Date;

  constructor(
    readonly id: string,
    public email: string | null,
    readonly tenantId: string,
    readonly createdAt: Date,
  ) {
    this.updatedAt = createdAt;
  }
}
