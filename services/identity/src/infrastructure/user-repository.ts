import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { User } from '../domain/user';

export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  get(id: string, lock = false): Promise<User | null> {
    return this.em.findOne(User, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** E-mail addresses are stored lower-cased; the unique index is on lower(email). */
  findByEmail(email: string): Promise<User | null> {
    return this.em.createQueryBuilder(User, 'u').select('*').where('lower(u.email) = ?', [email.toLowerCase()]).getSingleResult();
  }

  add(user: User): void {
    this.em.persist(user);
  }

  /**
   * Inserts a colleague's user row inside a tenant transaction. Plain SQL without RETURNING: the
   * row is not visible to the tenant role until its membership exists.
   */
  async insertColleague(user: User): Promise<void> {
    await this.em.execute(
      `insert into users (id, email, name, phone, status, created_at, updated_at) values (?, ?, ?, null, 'active', ?, ?)`,
      [user.id, user.email, user.name, user.createdAt, user.updatedAt],
    );
  }

  /** Disabled accounts the identity provider has not yet confirmed as disabled. */
  disableOwed(limit: number): Promise<User[]> {
    return this.em.find(User, { status: 'disabled', idpDisabledAt: null }, { limit, orderBy: { deletionRequestedAt: 'asc' } });
  }
}
