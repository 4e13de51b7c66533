import type { Contract, ContractData, TicketStatus } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { NoticeQueue } from '@homi/mail';
import type { TicketCursor } from '../domain/cursor';
import type { ReplyNotice } from '../domain/reply-notice';
import type { InstituteName, Ticket, TicketMessage } from '../domain/ticket';

/** Where an institute's name comes from: identity, which took it at sign-up (as tenant-data learns it, ADR 12). */
export interface InstituteDirectory {
  /** The institute's name, or undefined when identity does not know the tenant. Throws when identity cannot answer now. */
  nameOf(tenantId: string): Promise<string | undefined>;
}

export interface TicketListQuery {
  statuses?: readonly TicketStatus[];
  /** Only tickets this member opened (a member who is neither owner nor admin). */
  openedBy?: string;
  limit: number;
  after?: TicketCursor;
}

export interface SupportTicketQuery {
  statuses?: readonly TicketStatus[];
  /** A support user's id, or null for unassigned tickets. */
  assigneeId?: string | null;
  tenantId?: string;
  limit: number;
  after?: TicketCursor;
}

/** Tickets. The tenant methods take the tenantId; the ones that cross tenants say so in their name. */
export interface TicketRepository {
  get(tenantId: string, id: string): Promise<Ticket | null>;
  add(ticket: Ticket): void;
  /** Newest first. */
  list(tenantId: string, query: TicketListQuery): Promise<Ticket[]>;
  /** Any institute's ticket: for support, in a unit of work across tenants. */
  getAcrossTenants(id: string): Promise<Ticket | null>;
  /** Every institute's tickets, newest first: for support, in a unit of work across tenants. */
  listAcrossTenants(query: SupportTicketQuery): Promise<Ticket[]>;
  /** Tickets a user opened, in any institute (export). */
  openedByAcrossTenants(userId: string): Promise<Ticket[]>;
  /** Blanks the subject and the opener of every ticket `userId` opened; returns how many it changed. */
  forgetOpener(userId: string, now: Date): Promise<number>;
  /** Deletes every ticket of the tenant with its messages; returns how many tickets. */
  removeAllOf(tenantId: string): Promise<{ tickets: number; messages: number }>;
}

export interface MessageRepository {
  add(message: TicketMessage): void;
  /** The conversation of a ticket, oldest first. */
  ofTicket(tenantId: string, ticketId: string): Promise<TicketMessage[]>;
  /** Messages of a ticket in any institute, oldest first: for support, across tenants. */
  ofTicketAcrossTenants(ticketId: string): Promise<TicketMessage[]>;
  /** Every message of the tenant's tickets, oldest first (the institute's export). */
  ofTenant(tenantId: string): Promise<TicketMessage[]>;
  /** Messages a user wrote, in any institute (export). */
  writtenByAcrossTenants(userId: string): Promise<TicketMessage[]>;
  /** Erases the text and the authorship of every message `userId` wrote; returns how many it changed. */
  eraseWrittenBy(userId: string, now: Date): Promise<number>;
}

export interface InstituteNameRepository {
  get(tenantId: string): Promise<InstituteName | null>;
  getMany(tenantIds: readonly string[]): Promise<InstituteName[]>;
  /** Keeps the name unless one is kept already (two first tickets at once both learn it). */
  remember(tenantId: string, name: string, now: Date): Promise<void>;
  remove(tenantId: string): Promise<number>;
}

/** The mail each reply owes (ADR 43): written with the reply, sent after commit by the notice job. */
/**
 * The reply notices: libs/mail's notice queue (its `claimDue` leases notices of every tenant, in a
 * unit of work across tenants, committed before sending) plus what the helpdesk adds.
 */
export interface ReplyNoticeRepository extends NoticeQueue<ReplyNotice> {
  add(notice: ReplyNotice): void;
  /** Erasure: drops the user as a recipient (an unsent notice to them is given up); returns how many it changed. */
  forgetRecipient(userId: string, now: Date): Promise<number>;
}

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** What one unit of work of the helpdesk yields. */
export interface Repositories {
  tickets: TicketRepository;
  messages: MessageRepository;
  institutes: InstituteNameRepository;
  notices: ReplyNoticeRepository;
  events: Events;
}

export type HelpdeskUnitOfWork = UnitOfWork<Repositories>;
