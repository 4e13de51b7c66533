import type { Address } from './client';

/** The institute's own profile: one per tenant. */
export class Institute {
  kvkNumber: string | null = null;
  address: Address | null = null;
  phone: string | null = null;
  email: string | null = null;
  /** How long before an appointment its reminder is mailed (ADR 53). */
  reminderLeadHours = 24;
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly tenantId: string,
    public name: string,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}
