import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { User } from '../domain/user';
import type { Users } from '../application/ports';

/** Users are no tenant rows: no tenant filter; row-level security shows a tenant transaction its members only. */
export class UserRepository implements Users {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<User | null> {
    return this.em.findOne(User, { id });
  }

  lock(id: string): Promise<User | null> {
    return this.em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** E-mail addresses are stored lower-cased; the unique index is on lower(email). */
  findByEmail(email: string): Promise<User | null> {
    return this.em.createQueryBuilder(User, 'u').select('*').where('lower(u.email) = ?', [email.toLowerCase()]).getSingleResult();
  }

  async add(user: User): Promise<void> {
    this.em.persist(user);
    await this.em.flush();
  }

  /** Disabled accounts the identity provider has not yet confirmed as disabled. */
  disableOwed(limit: number): Promise<User[]> {
    return this.em.find(User, { status: 'disabled', idpDisabledAt: null }, { limit, orderBy: { deletionRequestedAt: 'asc' } });
  }
}
