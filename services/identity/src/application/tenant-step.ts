import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantCreated } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { Tenant, type Address } from '../domain/tenant';

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
export async function createTenant(em: EntityManager, input: NewTenant): Promise<void> {
  const tenant = new Tenant(input.tenantId, input.instituteName, input.now);
  tenant.kvkNumber = input.kvkNumber ?? null;
  tenant.address = input.address ?? null;
  tenant.phone = input.phone ?? null;
  em.persist(tenant);
  enqueue(em, TenantCreated, { tenantId: tenant.id, occurredAt: input.now.toISOString() });
}
