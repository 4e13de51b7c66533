import type { common } from '@homi/contracts';
import type { z } from 'zod';

export type Address = z.infer<typeof common.address>;

/**
 * A tenant (institute) as identity knows it: created at sign-up, the owner of memberships. The
 * institute's profile lives in tenant-data; name, kvkNumber, address and phone are what the owner
 * gave at sign-up, which tenant-data fetches over identity's internal route to create it (ADR 12).
 */
export class Tenant {
  kvkNumber: string | null = null;
  address: Address | null = null;
  phone: string | null = null;

  constructor(
    readonly id: string,
    public instituteName: string,
    readonly createdAt: Date,
  ) {}
}
