import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Invitation } from '../domain/invitation';
import type { Invitations } from '../application/ports';
import { ACROSS_TENANTS } from './across-tenants';

/** Invitations. Methods for one tenant take the tenantId; the token lookup crosses tenants and says so. */
export class InvitationRepository implements Invitations {
  constructor(private readonly em: EntityManager) {}

  async save(): Promise<void> {
    await this.em.flush();
  }

  get(tenantId: string, id: string): Promise<Invitation | null> {
    return this.em.findOne(Invitation, { tenantId, id });
  }

  /** The tenant's invitations still open, newest first. */
  listPending(tenantId: string, now: Date): Promise<Invitation[]> {
    return this.em.find(Invitation, { tenantId, status: 'pending', expiresAt: { $gt: now } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** The open invitation of an address in the tenant; one past its time is marked expired first, so it no longer blocks a new one. */
  async pendingFor(tenantId: string, email: string, now: Date): Promise<Invitation | null> {
    const found = await this.em
      .createQueryBuilder(Invitation, 'i')
      .select('*')
      .where({ tenantId, status: 'pending' })
      .andWhere('lower(i.email) = ?', [email.toLowerCase()])
      .getSingleResult();
    if (found && found.statusAt(now) === 'expired') {
      found.decide('expired', now);
      await this.em.flush();
      return null;
    }
    return found;
  }

  add(invitation: Invitation): void {
    this.em.persist(invitation);
  }

  /** The invitation a mailed token names, in any tenant (the holder is not a member yet), locked for the decision. */
  byTokenHashAcrossTenants(tokenHash: string, lock: boolean): Promise<Invitation | null> {
    return this.em.findOne(Invitation, { tokenHash }, { ...ACROSS_TENANTS, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) });
  }
}
