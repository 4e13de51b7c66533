import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedQuery, type PreparedStatement, OrmTenantRecords } from '@homi/service-kit';
import type { ClientListQuery, ClientRepository } from '../application/ports';
import { Client, type Address } from '../domain/client';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A row of the client list's statements. */
interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  address: Address | null;
  notes: string | null;
  import_key: string | null;
  reminder_consent: boolean | null;
  /** Timestamps as Postgres writes them: the ORM's pool leaves their parsing to the platform. */
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  reminder_consent_at: string | null;
}

/**
 * The list's four statements (with or without a name search, first page or after a cursor), each
 * prepared under its own name with every value bound (ADR 59). Ordered by the index
 * clients_tenant_name_idx (tenant_id, lower(name), id).
 */
function listStatement(search: boolean, after: boolean): PreparedStatement {
  const conditions = ['tenant_id = $1'];
  let n = 1;
  if (search) conditions.push(`lower(name) like $${++n}`);
  if (after) {
    conditions.push(`(lower(name), id) > ($${n + 1}, $${n + 2})`);
    n += 2;
  }
  return {
    name: `tenant_data_clients_page${search ? '_search' : ''}${after ? '_after' : ''}`,
    text: `select id, tenant_id, name, email, phone, date_of_birth::text as date_of_birth, address, notes, import_key, reminder_consent, reminder_consent_at, created_at, updated_at, last_activity_at
  from clients where ${conditions.join(' and ')} order by lower(name), id limit $${n + 1}`,
  };
}
const LIST_STATEMENTS = {
  first: listStatement(false, false), search: listStatement(true, false), after: listStatement(false, true), searchAfter: listStatement(true, true),
};

/** A client read for a list: the same object the ORM would hydrate, not managed (a list changes nothing). */
function clientOf(row: ClientRow, date: (value: string) => Date): Client {
  const client = new Client(row.id, row.tenant_id, row.name, date(row.created_at));
  client.email = row.email;
  client.phone = row.phone;
  client.dateOfBirth = row.date_of_birth;
  client.address = row.address;
  client.notes = row.notes;
  client.importKey = row.import_key;
  client.reminderConsent = row.reminder_consent;
  client.reminderConsentAt = row.reminder_consent_at === null ? null : date(row.reminder_consent_at);
  client.updatedAt = date(row.updated_at);
  client.lastActivityAt = date(row.last_activity_at);
  return client;
}

/** ClientRepository over MikroORM; row-level security keeps it to the unit of work's tenant as well. */
export class OrmClientRepository extends OrmTenantRecords<Client> implements ClientRepository {
  constructor(em: EntityManager) {
    super(em, Client);
  }

  getMany(tenantId: string, ids: string[]): Promise<Client[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.em.find(Client, { tenantId, id: { $in: ids } });
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

  /**
   * A page of the tenant's clients by name: the institute's busiest read, so one prepared statement
   * with bound values and rows made into clients directly, without the ORM's query builder and
   * hydration (ADR 59). Row-level security and the tenant condition hold as for every other query.
   */
  async list(tenantId: string, { q, limit, after }: ClientListQuery): Promise<Client[]> {
    const search = q ? [`%${escapeLike(q.toLowerCase())}%`] : [];
    const cursor = after ? [after.n, after.id] : [];
    const statement = q ? (after ? LIST_STATEMENTS.searchAfter : LIST_STATEMENTS.search) : after ? LIST_STATEMENTS.after : LIST_STATEMENTS.first;
    const rows = await preparedQuery<ClientRow>(this.em, statement, [tenantId, ...search, ...cursor, limit]);
    const platform = this.em.getPlatform();
    return rows.map((row) => clientOf(row, (value) => platform.parseDate(value)));
  }
}
