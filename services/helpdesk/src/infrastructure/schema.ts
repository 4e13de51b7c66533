import { EntitySchema } from '@mikro-orm/postgresql';
import { ReplyNotice } from '../domain/reply-notice';
import { InstituteName, Ticket, TicketMessage } from '../domain/ticket';

/**
 * Every tenant-owned entity carries the `tenant` filter, on by default: a query made without a
 * tenantId parameter fails instead of reading across tenants. Row-level security backs it up; the
 * repository methods that cross tenants (support's) turn the filter off and say so in their name.
 */
const tenantFilter = {
  tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true, args: true },
};

const at = { type: 'Date', columnType: 'timestamptz' } as const;

export const TicketSchema = new EntitySchema<Ticket>({
  class: Ticket,
  tableName: 'tickets',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    openedBy: { type: 'string', nullable: true },
    subject: { type: 'text', nullable: true },
    category: { type: 'string' },
    status: { type: 'string' },
    assigneeId: { type: 'string', nullable: true },
    createdAt: at,
    updatedAt: at,
    closedAt: { ...at, nullable: true },
    locale: { type: 'string' },
    privacyRequestId: { type: 'string', nullable: true },
  },
});

export const TicketMessageSchema = new EntitySchema<TicketMessage>({
  class: TicketMessage,
  tableName: 'ticket_messages',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'string' },
    from: { type: 'string', fieldName: 'from_side' },
    authorId: { type: 'string', nullable: true },
    body: { type: 'text', nullable: true },
    erasedAt: { ...at, nullable: true },
    createdAt: at,
  },
});

export const InstituteNameSchema = new EntitySchema<InstituteName>({
  class: InstituteName,
  tableName: 'institute_names',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    name: { type: 'string' },
    learnedAt: at,
  },
});

export const ReplyNoticeSchema = new EntitySchema<ReplyNotice>({
  class: ReplyNotice,
  tableName: 'reply_notices',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    ticketId: { type: 'string' },
    recipient: { type: 'string' },
    recipientId: { type: 'string', nullable: true },
    attempts: { type: 'integer' },
    nextAttemptAt: at,
    leaseUntil: { ...at, nullable: true },
    sentAt: { ...at, nullable: true },
    gaveUpAt: { ...at, nullable: true },
    createdAt: at,
  },
});

export const helpdeskEntities = [TicketSchema, TicketMessageSchema, InstituteNameSchema, ReplyNoticeSchema];
