import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@homi/service-kit';
import type { MemberFacts } from '../domain/member-rules';
import type { Membership } from '../domain/membership';
import { MembershipRepository } from '../infrastructure/membership-repository';
import type { Deps } from './deps';
import type { MemberRow } from './ports';

/** The caller's own membership, read in the tenant transaction: fresher than the gateway's copy. */
export async function loadActor(em: EntityManager, tenantId: string, actorId: string): Promise<MemberFacts> {
  const actor = await new MembershipRepository(em).get(tenantId, actorId);
  if (!actor) throw notFound('Tenant');
  return actor;
}

/** A member's row with the user's name and address, as the members routes present it. */
export async function memberRow(em: EntityManager, membership: Membership): Promise<MemberRow> {
  const rows = await em.execute<{ email: string; name: string }[]>('select email, name from users where id = ?', [membership.userId]);
  return { membership, email: rows[0]?.email ?? '', name: rows[0]?.name ?? '' };
}

/** Everyone with access to the tenant, oldest membership first. */
export function listMembers(deps: Pick<Deps, 'uow'>, tenantId: string): Promise<MemberRow[]> {
  return deps.uow.forTenant(tenantId, ({ memberships }) => memberships.list(tenantId));
}
