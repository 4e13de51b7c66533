import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, STREAM_MAX_AGE_MS, tenantId } from './contract';

// Thin events of the helpdesk (issue 15): identifiers, category and status only. What people wrote
// stays in the helpdesk's own database, where erasure reaches it.

export const ticketId = prefixedId('tkt');
export const ticketMessageId = prefixedId('msg');
export const TICKET_CATEGORIES = ['question', 'problem', 'my-data', 'invoicing'] as const;
export const TICKET_STATUSES = ['open', 'waiting-for-customer', 'solved', 'closed'] as const;
export const TicketCategory = z.enum(TICKET_CATEGORIES);
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketCategory = z.infer<typeof TicketCategory>;
export type TicketStatus = z.infer<typeof TicketStatus>;
/** Who wrote a message: a member of the institute, or HOMi support. */
export const TicketSide = z.enum(['institute', 'support']);
export type TicketSide = z.infer<typeof TicketSide>;

export const TicketOpened = defineContract(
  'helpdesk.ticket.opened.v1',
  1,
  z.strictObject({ tenantId, ticketId, category: TicketCategory, occurredAt: isoDateTime }),
);
export const TicketReplied = defineContract(
  'helpdesk.ticket.replied.v1',
  1,
  z.strictObject({ tenantId, ticketId, messageId: ticketMessageId, from: TicketSide, occurredAt: isoDateTime }),
);
export const TicketStatusChanged = defineContract(
  'helpdesk.ticket.status-changed.v1',
  1,
  z.strictObject({ tenantId, ticketId, status: TicketStatus, occurredAt: isoDateTime }),
);

export type TicketOpened = z.infer<typeof TicketOpened.schema>;
export type TicketReplied = z.infer<typeof TicketReplied.schema>;
export type TicketStatusChanged = z.infer<typeof TicketStatusChanged.schema>;

/** The stream that retains the helpdesk's events. */
export const HELPDESK_STREAM = { name: 'HELPDESK', subjects: ['helpdesk.>'], maxAgeMs: STREAM_MAX_AGE_MS } as const;
