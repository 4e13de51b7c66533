import { EntitySchema } from '@mikro-orm/postgresql';
import { createdAndUpdated, noticeColumns, tenantFilter, timestamptz } from '@homi/service-kit';
import { ReplyNotice } from '../domain/reply-notice';
import { InstituteName, Ticket, TicketMessage } from '../domain/ticket';

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
    ...createdAndUpdated,
    closedAt: timestamptz(true),
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
    erasedAt: timestamptz(true),
    createdAt: timestamptz(),
  },
});

export const InstituteNameSchema = new EntitySchema<InstituteName>({
  class: InstituteName,
  tableName: 'institute_names',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    name: { type: 'string' },
    learnedAt: timestamptz(),
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
    ...noticeColumns,
    createdAt: timestamptz(),
  },
});

export const helpdeskEntities = [TicketSchema, TicketMessageSchema, InstituteNameSchema, ReplyNoticeSchema];
