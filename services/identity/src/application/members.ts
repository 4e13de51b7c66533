import { notFound } from '@homi/service-kit';
import type { MemberFacts } from '../domain/member-rules';
import type { Deps } from './deps';
import type { MemberRow, Memberships } from './ports';

/**
 * The caller's own membership, read in the unit of work (fresher than the gateway's copy); not a
 * member is not_found (the tenant, to them).
 */
export async function actorOf(memberships: Pick<Memberships, 'get'>, tenantId: string, actorId: string): Promise<MemberFacts> {
  const actor = await memberships.get(tenantId, actorId);
  if (!actor) throw notFound('Tenant');
  return actor;
}

/** Everyone with access to the tenant, oldest membership first. */
export function listMembers(deps: Pick<Deps, 'uow'>, tenantId: string): Promise<MemberRow[]> {
  return deps.uow.forTenant(tenantId, ({ memberships }) => memberships.list(tenantId));
}
