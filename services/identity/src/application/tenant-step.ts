import { TenantCreated } from '@homi/contracts';
import { Tenant, type Address } from '../domain/tenant';
import type { Repositories } from './ports';

export interface NewTenant {
  tenantId: string;
  instituteName: string;
  kvkNumber?: string;
  address?: Address;
  phone?: string;
  now: Date;
}

/**
 * The tenant comes into being and is announced by id only: tenant-data fetches the details it needs
 * for the institute profile over identity's internal route, so none of them stays in a stream (ADR 12).
 */
export async function createTenant({ tenants, events }: Pick<Repositories, 'tenants' | 'events'>, input: NewTenant): Promise<void> {
  const tenant = new Tenant(input.tenantId, input.instituteName, input.now);
  tenant.kvkNumber = input.kvkNumber ?? null;
  tenant.address = input.address ?? null;
  tenant.phone = input.phone ?? null;
  await tenants.add(tenant);
  events.publish(TenantCreated, { tenantId: tenant.id, occurredAt: input.now.toISOString() });
}
