import { createLogger, InMemoryTenantRows, inMemoryUnitOfWork, recordedEvents, testTime, type MailContacts } from '@homi/service-kit';
import { inMemoryNoticeQueue } from '@homi/mail';
import type { TicketCursor } from '../domain/cursor';
import type { ReplyNotice } from '../domain/reply-notice';
import { InstituteName, type Ticket, type TicketMessage } from '../domain/ticket';
import type { Deps } from './deps';
import type {
  InstituteDirectory, InstituteNameRepository, MessageRepository, ReplyNoticeRepository, Repositories, SupportTicketQuery,
  TicketListQuery, TicketRepository,
} from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories, kept in maps, no database.

const newestFirst = (a: Ticket, b: Ticket) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
const before = (t: Ticket, after?: TicketCursor) =>
  !after || t.createdAt.toISOString() < after.createdAt || (t.createdAt.toISOString() === after.createdAt && t.id < after.id);
const oldestFirst = (a: TicketMessage, b: TicketMessage) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);

export class InMemoryTickets extends InMemoryTenantRows<Ticket> implements TicketRepository {
  constructor(private readonly messages: InMemoryMessages) {
    super();
  }
  private page(filter: (t: Ticket) => boolean, statuses: readonly string[] | undefined, limit: number, after?: TicketCursor) {
    return [...this.rows.values()]
      .filter((t) => filter(t) && (!statuses || statuses.includes(t.status)) && before(t, after))
      .sort(newestFirst)
      .slice(0, limit);
  }
  async list(tenantId: string, { statuses, openedBy, limit, after }: TicketListQuery) {
    return this.page((t) => t.tenantId === tenantId && (!openedBy || t.openedBy === openedBy), statuses, limit, after);
  }
  async getAcrossTenants(id: string) {
    return this.rows.get(id) ?? null;
  }
  async listAcrossTenants({ statuses, assigneeId, tenantId, limit, after }: SupportTicketQuery) {
    return this.page((t) => (!tenantId || t.tenantId === tenantId) && (assigneeId === undefined || t.assigneeId === assigneeId), statuses, limit, after);
  }
  async openedByAcrossTenants(userId: string) {
    return [...this.rows.values()].filter((t) => t.openedBy === userId);
  }
  async forgetOpener(userId: string, now: Date) {
    const opened = await this.openedByAcrossTenants(userId);
    for (const t of opened) Object.assign(t, { openedBy: null, subject: null, updatedAt: now });
    return opened.length;
  }
  async removeAllOf(tenantId: string) {
    const tickets = [...this.rows.values()].filter((t) => t.tenantId === tenantId);
    tickets.forEach((t) => this.rows.delete(t.id));
    return { tickets: tickets.length, messages: this.messages.removeOf(tenantId) };
  }
}

export class InMemoryMessages implements MessageRepository {
  readonly rows = new Map<string, TicketMessage>();
  add(message: TicketMessage) {
    this.rows.set(message.id, message);
  }
  private where(keep: (m: TicketMessage) => boolean) {
    return [...this.rows.values()].filter(keep).sort(oldestFirst);
  }
  async ofTicket(tenantId: string, ticketId: string) {
    return this.where((m) => m.tenantId === tenantId && m.ticketId === ticketId);
  }
  async ofTicketAcrossTenants(ticketId: string) {
    return this.where((m) => m.ticketId === ticketId);
  }
  async ofTenant(tenantId: string) {
    return this.where((m) => m.tenantId === tenantId);
  }
  async writtenByAcrossTenants(userId: string) {
    return this.where((m) => m.authorId === userId);
  }
  async eraseWrittenBy(userId: string, now: Date) {
    const written = this.where((m) => m.authorId === userId);
    for (const m of written) Object.assign(m, { authorId: null, body: null, erasedAt: now });
    return written.length;
  }
  removeOf(tenantId: string): number {
    const gone = this.where((m) => m.tenantId === tenantId);
    gone.forEach((m) => this.rows.delete(m.id));
    return gone.length;
  }
}

export class InMemoryInstituteNames implements InstituteNameRepository {
  readonly rows = new Map<string, InstituteName>();
  async get(tenantId: string) {
    return this.rows.get(tenantId) ?? null;
  }
  async getMany(tenantIds: readonly string[]) {
    return tenantIds.flatMap((id) => this.rows.get(id) ?? []);
  }
  async remember(tenantId: string, name: string, now: Date) {
    if (!this.rows.has(tenantId)) this.rows.set(tenantId, new InstituteName(tenantId, name, now));
  }
  async remove(tenantId: string) {
    return this.rows.delete(tenantId) ? 1 : 0;
  }
}

export class InMemoryNotices implements ReplyNoticeRepository {
  readonly rows = new Map<string, ReplyNotice>();
  add(notice: ReplyNotice) {
    this.rows.set(notice.id, notice);
  }
  private readonly queue = inMemoryNoticeQueue(this.rows);
  readonly claimDue = this.queue.claimDue;
  readonly markSent = this.queue.markSent;
  readonly retryAt = this.queue.retryAt;
  readonly giveUp = this.queue.giveUp;
  async forgetRecipient(userId: string, now: Date) {
    const theirs = [...this.rows.values()].filter((n) => n.recipientId === userId);
    for (const n of theirs) Object.assign(n, { recipientId: null, gaveUpAt: n.sentAt ? n.gaveUpAt : (n.gaveUpAt ?? now) });
    return theirs.length;
  }
}

/** Mail as a list of what was sent; `refuse` makes the next sends fail. */
export function recordingMail() {
  const sent: { to: string; template: string; locale: string; data: unknown; messageId?: string }[] = [];
  const state = { refuse: false };
  return {
    sent,
    state,
    mail: {
      send: async (to: string, template: string, locale: string, data: unknown, options: { messageId?: string } = {}) => {
        if (state.refuse) throw new Error('SMTP refused');
        sent.push({ to, template, locale, data, messageId: options.messageId });
        return { messageId: options.messageId ?? '<x@test>' };
      },
    } as Deps['mail'],
  };
}

/** Use-case dependencies over in-memory repositories, a clock the test moves and counting ids. */
export function inMemoryDeps(options: { now?: Date; institutes?: InstituteDirectory; contacts?: MailContacts; supportMailbox?: string } = {}) {
  const { events, published } = recordedEvents();
  const messages = new InMemoryMessages();
  const notices = new InMemoryNotices();
  const repositories = { tickets: new InMemoryTickets(messages), messages, institutes: new InMemoryInstituteNames(), notices, events } satisfies Repositories;
  const mail = recordingMail();
  const { clock, now, newId } = testTime(options.now);
  const deps: Deps = {
    uow: inMemoryUnitOfWork(repositories),
    clock: now,
    newId,
    institutes: options.institutes ?? { nameOf: async () => undefined },
    logger: createLogger({ service: 'helpdesk-unit', level: 'silent' }),
    mail: mail.mail,
    contacts: options.contacts ?? { addressOf: async (userId) => `${userId}@example.test` },
    notices: {
      supportMailbox: options.supportMailbox,
      links: { member: (tenantId, ticketId) => `https://web.test/t/${tenantId}/help/${ticketId}`, support: (ticketId) => `https://web.test/support/tickets/${ticketId}` },
    },
  };
  return { deps, repositories, published, clock, mail };
}
