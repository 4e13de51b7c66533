import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { outboxEvents } from '@homi/messaging';
import { ormUnitOfWork, type Logger } from '@homi/service-kit';
import type {
  BillingUnitOfWork, ClaimedInvoice, ClientMappingRepository, ConnectionRepository, ConsentRepository, InvoiceListQuery, InvoiceRepository, ProviderCallRepository, ProviderRecord, Repositories,
} from '../application/ports';
import { ClientMapping, Connection, ConsentRecord } from '../domain/connection';
import { Invoice } from '../domain/invoice';
import { TENANT_ROLE } from './migrations/0001-initial';
import { enterTenant } from './tenant-scope';

const locked = (lock?: boolean): { lockMode?: LockMode.PESSIMISTIC_WRITE } => (lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});

class OrmConnections implements ConnectionRepository {
  constructor(private readonly em: EntityManager) {}
  get(tenantId: string) {
    return this.em.findOne(Connection, { tenantId });
  }
  add(connection: Connection) {
    this.em.persist(connection);
  }
  remove(connection: Connection) {
    this.em.remove(connection);
  }
  sealedUnderOtherKey(keyId: string) {
    return this.em.find(Connection, { keyId: { $ne: keyId } }, { filters: false });
  }
  deleteAll(tenantId: string) {
    return this.em.nativeDelete(Connection, { tenantId });
  }
}

class OrmConsents implements ConsentRepository {
  constructor(private readonly em: EntityManager) {}
  add(record: ConsentRecord) {
    this.em.persist(record);
  }
  async latest(tenantId: string) {
    // Includes a record added in this unit of work.
    await this.em.flush();
    return this.em.findOne(ConsentRecord, { tenantId }, { orderBy: { at: 'desc', id: 'desc' } });
  }
  latestGivenBy(tenantId: string, at: Date) {
    return this.em.findOne(ConsentRecord, { tenantId, action: 'given', at: { $lte: at } }, { orderBy: { at: 'desc', id: 'desc' } });
  }
  list(tenantId: string) {
    return this.em.find(ConsentRecord, { tenantId }, { orderBy: { at: 'asc', id: 'asc' } });
  }
  deleteAll(tenantId: string) {
    return this.em.nativeDelete(ConsentRecord, { tenantId });
  }
}

class OrmMappings implements ClientMappingRepository {
  constructor(private readonly em: EntityManager) {}
  get(tenantId: string, clientId: string, options: { lock?: boolean } = {}) {
    return this.em.findOne(ClientMapping, { tenantId, clientId }, { ...locked(options.lock), refresh: true });
  }
  async lock(tenantId: string, clientId: string, now: Date) {
    await this.em.execute(
      `insert into client_mappings (tenant_id, client_id, status, created_at, updated_at) values (?, ?, 'pending', ?, ?) on conflict do nothing`,
      [tenantId, clientId, now, now],
    );
    const mapping = await this.get(tenantId, clientId, { lock: true });
    if (!mapping) throw new Error('client mapping vanished inside its own transaction');
    return mapping;
  }
  countCreated(tenantId: string, clientId: string) {
    return this.em.count(ClientMapping, { tenantId, clientId, status: 'created' });
  }
  list(tenantId: string) {
    return this.em.find(ClientMapping, { tenantId }, { orderBy: { clientId: 'asc' } });
  }
  deleteAll(tenantId: string) {
    return this.em.nativeDelete(ClientMapping, { tenantId });
  }
}

class OrmInvoices implements InvoiceRepository {
  constructor(private readonly em: EntityManager) {}
  get(tenantId: string, id: string) {
    return this.em.findOne(Invoice, { tenantId, id }, { refresh: true });
  }
  add(invoice: Invoice) {
    this.em.persist(invoice);
  }
  remove(invoice: Invoice) {
    this.em.remove(invoice);
  }
  ofAppointment(tenantId: string, appointmentId: string) {
    return this.em.findOne(Invoice, { tenantId, appointmentId, status: { $ne: 'failed' } }, { refresh: true });
  }
  list(tenantId: string, query: InvoiceListQuery) {
    const where: Record<string, unknown> = { tenantId };
    if (query.status) where.status = query.status;
    if (query.clientId) Object.assign(where, { clientId: query.clientId, restrictedAt: null });
    if (query.appointmentId) Object.assign(where, { appointmentId: query.appointmentId, restrictedAt: null });
    if (query.after) where.$or = [{ createdAt: { $lt: query.after.at } }, { createdAt: query.after.at, id: { $lt: query.after.id } }];
    return this.em.find(Invoice, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
  }
  ofSubject(where: { tenantId: string; clientId?: string }, options: { lock?: boolean } = {}) {
    return this.em.find(Invoice, where, { ...locked(options.lock), orderBy: { id: 'asc' }, refresh: true });
  }
  async retryPendingNow(tenantId: string, now: Date) {
    await this.em.nativeUpdate(Invoice, { tenantId, status: 'pending' }, { nextAttemptAt: now });
  }
  async putOff(tenantId: string, id: string, lastError: string, nextAttemptAt: Date) {
    await this.em.nativeUpdate(Invoice, { tenantId, id }, { lastError, nextAttemptAt });
  }
  async claimDue(now: Date): Promise<ClaimedInvoice | undefined> {
    const [claimed] = await this.em.execute<{ id: string; tenant_id: string }[]>(
      `select id, tenant_id from invoices where status = 'pending' and restricted_at is null and next_attempt_at <= ?
       order by next_attempt_at, id limit 1 for update skip locked`,
      [now],
    );
    return claimed && { id: claimed.id, tenantId: claimed.tenant_id };
  }
  async claimPollable(now: Date, next: Date, batch: number) {
    const rows = await this.em.execute<{ id: string; tenant_id: string; provider_invoice_number: string }[]>(
      `update invoices set poll_after = ? where id in (
         select id from invoices where status = 'created' and not paid and restricted_at is null and poll_after <= ?
         order by poll_after limit ${Math.max(1, Math.floor(batch))} for update skip locked)
       returning id, tenant_id, provider_invoice_number`,
      [next, now],
    );
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, providerInvoiceNumber: r.provider_invoice_number }));
  }
}

class SqlProviderCalls implements ProviderCallRepository {
  constructor(private readonly em: EntityManager) {}
  async begin({ tenantId, kind, reference, clientId }: ProviderRecord, at: Date) {
    const added = await this.em.execute<unknown[]>(
      `insert into provider_calls (tenant_id, kind, reference, client_id, started_at) values (?, ?, ?, ?, ?) on conflict do nothing returning reference`,
      [tenantId, kind, reference, clientId, at],
    );
    return added.length === 0;
  }
  async end({ tenantId, kind, reference }: ProviderRecord) {
    await this.em.execute(`delete from provider_calls where tenant_id = ? and kind = ? and reference = ?`, [tenantId, kind, reference]);
  }
  async has({ tenantId, kind, reference }: ProviderRecord) {
    const [row] = await this.em.execute<unknown[]>(`select 1 from provider_calls where tenant_id = ? and kind = ? and reference = ?`, [tenantId, kind, reference]);
    return row !== undefined;
  }
  async forget({ tenantId, clientId }: { tenantId: string; clientId?: string }) {
    const gone = await this.em.execute<unknown[]>(
      `delete from provider_calls where tenant_id = ?${clientId === undefined ? '' : ' and client_id = ?'} returning reference`,
      clientId === undefined ? [tenantId] : [tenantId, clientId],
    );
    return gone.length;
  }
}

/** billing-integration's repositories over one transaction's entity manager (a unit of work's, or a consumer's); events go to its outbox. */
export function ormRepositories(em: EntityManager): Repositories {
  return {
    connections: new OrmConnections(em),
    consents: new OrmConsents(em),
    mappings: new OrmMappings(em),
    invoices: new OrmInvoices(em),
    providerCalls: new SqlProviderCalls(em),
    holdings: {
      any: async (tenantId, clientId) => {
        const [row] = await em.execute<{ held: boolean }[]>(
          `select exists (select 1 from client_mappings where tenant_id = ? and client_id = ?)
               or exists (select 1 from invoices where tenant_id = ? and client_id = ?)
               or exists (select 1 from provider_calls where tenant_id = ? and client_id = ?) as held`,
          [tenantId, clientId, tenantId, clientId, tenantId, clientId],
        );
        return row?.held === true;
      },
    },
    events: outboxEvents(em),
    tenancy: { enter: (tenantId, options) => enterTenant(em, tenantId, options) },
  };
}

/** The unit of work of billing-integration over Postgres: the tenant role, RLS settings, the relay kicked by each commit that wrote events (ADR 69). */
export function billingUnitOfWork(orm: MikroORM, logger?: Logger): BillingUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, logger });
}
