import { raw, type EntityManager } from '@mikro-orm/postgresql';
import type { ClientListQuery, ClientRepository } from '../application/ports';
import { Client } from '../domain/client';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** ClientRepository over MikroORM; row-level security keeps it to the unit of work's tenant as well. */
export class OrmClientRepository implements ClientRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string, id: string): Promise<Client | null> {
    return this.em.findOne(Client, { id, tenantId });
  }

  getMany(tenantId: string, ids: string[]): Promise<Client[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.em.find(Client, { tenantId, id: { $in: ids } });
  }

  add(client: Client): void {
    this.em.persist(client);
  }

  remove(client: Client): void {
    this.em.remove(client);
  }

  async recordActivity(tenantId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      'update clients set last_activity_at = greatest(last_activity_at, ?) where tenant_id = ? and id = ? returning id',
      [at, tenantId, id],
    );
    return rows.length > 0;
  }

  async list(tenantId: string, { q, limit, after }: ClientListQuery): Promise<Client[]> {
    const qb = this.em.createQueryBuilder(Client, 'c').select('*').where({ tenantId });
    if (q) qb.andWhere(`lower(c.name) like ?`, [`%${escapeLike(q.toLowerCase())}%`]);
    if (after) qb.andWhere(`(lower(c.name), c.id) > (?, ?)`, [after.n, after.id]);
    return qb.orderBy([{ [raw('lower(c.name)')]: 'asc' }, { id: 'asc' }]).limit(limit).getResultList();
  }
}
