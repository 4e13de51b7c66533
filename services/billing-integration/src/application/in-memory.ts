import type { tenantDataApi } from '@homi/contracts';
import { AppError, InMemoryRowPerTenant, InMemoryTenantRows, inMemoryUnitOfWork, recordedEvents, testTime } from '@homi/service-kit';
import type { ClientMapping, Connection, ConsentRecord } from '../domain/connection';
import type { Invoice } from '../domain/invoice';
import type { Deps } from './deps';
import type {
  ClaimedInvoice, ClientMappingRepository, ConnectionRepository, ConsentRepository, InvoiceListQuery, InvoiceRepository, InvoicingClient,
  InvoicingClientDetails, InvoicingCredentials, InvoicingInvoice, InvoicingProvider, NewInvoice, ProviderCallRepository, ProviderRecord, Repositories, SecretCipher,
} from './ports';
import { ClientMapping as Mapping } from '../domain/connection';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories (each method takes the tenant), kept in maps, no database. Locks are no-ops:
// one test runs one use case at a time.

const newestFirst = (a: Invoice, b: Invoice) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);

export class InMemoryConnections extends InMemoryRowPerTenant<Connection> implements ConnectionRepository {
  async sealedUnderOtherKey(keyId: string) {
    return [...this.rows.values()].filter((c) => c.keyId !== keyId);
  }
  async deleteAll(tenantId: string) {
    return Number(this.rows.delete(tenantId));
  }
}

export class InMemoryConsents implements ConsentRepository {
  readonly rows: ConsentRecord[] = [];
  add(record: ConsentRecord) {
    this.rows.push(record);
  }
  async list(tenantId: string) {
    return this.rows.filter((r) => r.tenantId === tenantId).sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1));
  }
  async latest(tenantId: string) {
    return (await this.list(tenantId)).at(-1) ?? null;
  }
  async latestGivenBy(tenantId: string, at: Date) {
    return (await this.list(tenantId)).filter((r) => r.action === 'given' && r.at <= at).at(-1) ?? null;
  }
  async deleteAll(tenantId: string) {
    const before = this.rows.length;
    this.rows.splice(0, before, ...this.rows.filter((r) => r.tenantId !== tenantId));
    return before - this.rows.length;
  }
}

export class InMemoryMappings implements ClientMappingRepository {
  readonly rows = new Map<string, ClientMapping>();
  private key = (tenantId: string, clientId: string) => `${tenantId}/${clientId}`;
  async get(tenantId: string, clientId: string) {
    return this.rows.get(this.key(tenantId, clientId)) ?? null;
  }
  async lock(tenantId: string, clientId: string, now: Date) {
    const key = this.key(tenantId, clientId);
    if (!this.rows.has(key)) this.rows.set(key, new Mapping(tenantId, clientId, now));
    return this.rows.get(key)!;
  }
  async countCreated(tenantId: string, clientId: string) {
    return (await this.get(tenantId, clientId))?.status === 'created' ? 1 : 0;
  }
  async list(tenantId: string) {
    return [...this.rows.values()].filter((m) => m.tenantId === tenantId).sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
  }
  async deleteAll(tenantId: string) {
    const gone = await this.list(tenantId);
    for (const m of gone) this.rows.delete(this.key(m.tenantId, m.clientId));
    return gone.length;
  }
}

export class InMemoryInvoices extends InMemoryTenantRows<Invoice> implements InvoiceRepository {
  async ofAppointment(tenantId: string, appointmentId: string) {
    return [...this.rows.values()].find((i) => i.tenantId === tenantId && i.appointmentId === appointmentId && i.status !== 'failed') ?? null;
  }
  async list(tenantId: string, { status, clientId, appointmentId, after, limit }: InvoiceListQuery) {
    return [...this.rows.values()]
      .filter((i) => i.tenantId === tenantId && (!status || i.status === status) && (!clientId || (i.clientId === clientId && !i.restrictedAt)))
      .filter((i) => !appointmentId || (i.appointmentId === appointmentId && !i.restrictedAt))
      .filter((i) => !after || i.createdAt < after.at || (i.createdAt.getTime() === after.at.getTime() && i.id < after.id))
      .sort(newestFirst)
      .slice(0, limit);
  }
  async ofSubject({ tenantId, clientId }: { tenantId: string; clientId?: string }) {
    return [...this.rows.values()].filter((i) => i.tenantId === tenantId && (!clientId || i.clientId === clientId)).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  async retryPendingNow(tenantId: string, now: Date) {
    for (const i of this.rows.values()) if (i.tenantId === tenantId && i.status === 'pending') i.nextAttemptAt = now;
  }
  async putOff(tenantId: string, id: string, lastError: string, nextAttemptAt: Date) {
    const i = await this.get(tenantId, id);
    if (i) Object.assign(i, { lastError, nextAttemptAt });
  }
  async claimDue(now: Date): Promise<ClaimedInvoice | undefined> {
    const due = [...this.rows.values()]
      .filter((i) => i.status === 'pending' && !i.restrictedAt && i.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1))[0];
    return due && { id: due.id, tenantId: due.tenantId };
  }
  async claimPollable(now: Date, next: Date, batch: number) {
    const due = [...this.rows.values()].filter((i) => i.status === 'created' && !i.paid && !i.restrictedAt && i.pollAfter && i.pollAfter <= now).slice(0, batch);
    for (const i of due) i.pollAfter = next;
    return due.map((i) => ({ id: i.id, tenantId: i.tenantId, providerInvoiceNumber: i.providerInvoiceNumber! }));
  }
}

export class InMemoryProviderCalls implements ProviderCallRepository {
  /** The marks, by tenant, kind and reference. */
  readonly rows = new Map<string, ProviderRecord & { startedAt: Date }>();
  private key = (r: ProviderRecord) => `${r.tenantId}/${r.kind}/${r.reference}`;
  async begin(record: ProviderRecord, at: Date) {
    if (this.rows.has(this.key(record))) return true;
    this.rows.set(this.key(record), { ...record, startedAt: at });
    return false;
  }
  async end(record: ProviderRecord) {
    this.rows.delete(this.key(record));
  }
  async has(record: ProviderRecord) {
    return this.rows.has(this.key(record));
  }
  async forget({ tenantId, clientId }: { tenantId: string; clientId?: string }) {
    const gone = [...this.rows.values()].filter((r) => r.tenantId === tenantId && (clientId === undefined || r.clientId === clientId));
    for (const r of gone) this.rows.delete(this.key(r));
    return gone.length;
  }
}

/**
 * The invoicing provider in memory, one book per username: enough of FactuurSturen's behaviour for
 * the use cases' decisions (a wrong key is refused, a client with invoices cannot be deleted).
 * `fail` makes every call throw that error; `calls` names every call made.
 */
export class InMemoryProvider implements InvoicingProvider {
  readonly clients = new Map<number, InvoicingClient & { username: string }>();
  readonly invoices = new Map<string, InvoicingInvoice & { username: string }>();
  readonly calls: string[] = [];
  fail: Error | undefined;
  private next = 1;
  constructor(readonly keys: Record<string, string>) {}

  private async enter(call: string, account: InvoicingCredentials) {
    this.calls.push(call);
    if (this.fail) throw this.fail;
    if (this.keys[account.username] !== account.apiKey) {
      throw new AppError('invalid', 'The invoicing provider refused the credentials', { type: 'invoicing-credentials-rejected' });
    }
  }
  async verifyCredentials(account: InvoicingCredentials) {
    await this.enter('verifyCredentials', account);
  }
  /** A record of the account's book: by its key, or the first one `match` accepts. */
  private async look<K, T extends { username: string }>(call: string, account: InvoicingCredentials, book: Map<K, T>, match: K | ((row: T) => boolean)) {
    await this.enter(call, account);
    const rows = typeof match === 'function' ? [...book.values()].filter(match as (row: T) => boolean) : [book.get(match)];
    return rows.find((row) => row?.username === account.username);
  }
  findClientByReference(account: InvoicingCredentials, reference: string) {
    return this.look('findClientByReference', account, this.clients, (c) => c.reference === reference);
  }
  getClient(account: InvoicingCredentials, clientNumber: number) {
    return this.look('getClient', account, this.clients, clientNumber);
  }
  async createClient(account: InvoicingCredentials, reference: string, details: InvoicingClientDetails) {
    await this.enter('createClient', account);
    const clientNumber = this.next++;
    const blank = { company: '', address: '', zipcode: '', city: '', country: '', email: '', phone: '' };
    this.clients.set(clientNumber, { ...blank, ...details, clientNumber, reference, username: account.username });
    return clientNumber;
  }
  async updateClient(account: InvoicingCredentials, clientNumber: number, details: Partial<InvoicingClientDetails>) {
    await this.enter('updateClient', account);
    const c = this.clients.get(clientNumber);
    if (c) Object.assign(c, details);
  }
  async deleteClient(account: InvoicingCredentials, clientNumber: number) {
    await this.enter('deleteClient', account);
    if ([...this.invoices.values()].some((i) => i.clientNumber === clientNumber)) throw new AppError('conflict', 'The client has invoices');
    this.clients.delete(clientNumber);
  }
  async blankClient(account: InvoicingCredentials, clientNumber: number) {
    await this.enter('blankClient', account);
    const c = this.clients.get(clientNumber);
    if (c) Object.assign(c, { contact: '-', email: '', phone: '', address: '', zipcode: '', city: '' });
  }
  async createInvoice(account: InvoicingCredentials, invoice: NewInvoice) {
    await this.enter('createInvoice', account);
    const invoiceNumber = `F${this.next++}`;
    this.invoices.set(invoiceNumber, {
      invoiceNumber, clientNumber: invoice.clientNumber, reference: invoice.reference, lines: invoice.lines, totalExclTaxCents: 0, taxCents: 0,
      totalInclTaxCents: 0, openCents: 0, paid: false, username: account.username,
    });
    return invoiceNumber;
  }
  findInvoiceByReference(account: InvoicingCredentials, reference: string) {
    return this.look('findInvoiceByReference', account, this.invoices, (i) => i.reference === reference);
  }
  getInvoice(account: InvoicingCredentials, invoiceNumber: string) {
    return this.look('getInvoice', account, this.invoices, invoiceNumber);
  }
  async listInvoicesForClient(account: InvoicingCredentials, clientNumber: number) {
    await this.enter('listInvoicesForClient', account);
    return [...this.invoices.values()].filter((i) => i.username === account.username && i.clientNumber === clientNumber);
  }
  async getInvoicePdf() {
    return undefined;
  }
}

/** A cipher that only marks the value (the real one is tested beside it in infrastructure/). */
export const plainCipher: SecretCipher = {
  currentKeyId: 'k1',
  seal: (plain, tenantId) => ({ keyId: 'k1', value: `${tenantId}:${plain}` }),
  open: (sealed, tenantId) => sealed.value.slice(tenantId.length + 1),
};

/** A lookup in one of tenant-data's maps as its internal routes answer: only the tenant's own, without the tenant. */
const withinTenant = <T>(rows: Map<string, T & { tenantId: string }>) => async (tenantId: string, id: string): Promise<T | undefined> => {
  const row = rows.get(id);
  if (!row || row.tenantId !== tenantId) return undefined;
  const { tenantId: _t, ...rest } = row;
  return rest as T;
};

/** Use-case dependencies over in-memory repositories, an in-memory provider and client directory, a fixed clock and counting ids. */
export function inMemoryDeps(options: { now?: Date; keys?: Record<string, string> } = {}) {
  const { events, published } = recordedEvents();
  const mappings = new InMemoryMappings();
  const invoices = new InMemoryInvoices();
  const providerCalls = new InMemoryProviderCalls();
  const repositories = {
    connections: new InMemoryConnections(),
    consents: new InMemoryConsents(),
    mappings,
    invoices,
    providerCalls,
    // One look at the three stores' rows, as the SQL's one statement (not through their repositories' reads).
    holdings: {
      any: async (tenantId: string, clientId: string) =>
        [mappings.rows.values(), invoices.rows.values(), providerCalls.rows.values()].some((rows) => [...rows].some((r) => r.tenantId === tenantId && r.clientId === clientId)),
    },
    events,
    tenancy: { enter: async () => {} },
  } satisfies Repositories;
  const { clock, now, newId } = testTime(options.now);
  const provider = new InMemoryProvider(options.keys ?? { 'salon@example.nl': 'key-1' });
  /** tenant-data's clients, by id. */
  const directory = new Map<string, tenantDataApi.InvoiceableClient & { tenantId: string }>();
  /** tenant-data's appointments, by id. */
  const agenda = new Map<string, tenantDataApi.InvoiceableAppointment & { tenantId: string }>();
  const kicks = { issuer: 0 };
  const deps: Deps = {
    uow: inMemoryUnitOfWork(repositories),
    clock: now,
    newId,
    provider,
    cipher: plainCipher,
    clients: { get: withinTenant(directory) },
    appointments: { get: withinTenant(agenda) },
    kickIssuer: () => void (kicks.issuer += 1),
    timing: { retryBaseMs: 1000, retryMaxMs: 60_000, pollEveryMs: 3600_000 },
  };
  return { deps, repositories, published, clock, provider, directory, agenda, kicks };
}
