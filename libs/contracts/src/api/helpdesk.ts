import { z } from 'zod';
import { tenantId, userId } from '../contract';
import { TicketCategory, TicketSide, TicketStatus } from '../helpdesk';
import { requestId, RequestType } from '../privacy';
import { Corrections, correctionsOnlyWithRectification, PrivacyRequestAccepted } from './privacy';
import { cursor, isoDateTime, page, pageLimit, requiredText } from './common';

// Request and response shapes of the helpdesk's routes (issue 15). The helpdesk validates with them
// and the gateway publishes them in the OpenAPI document.

/** What one message may hold; a ticket's subject is one line. */
const messageBody = requiredText(10_000);

export const OpenTicket = z.strictObject({
  subject: requiredText(200),
  category: TicketCategory,
  message: messageBody,
});

export const PostMessage = z.strictObject({ message: messageBody });

const statusFilter = z
  .string()
  .max(100)
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(TicketStatus).min(1).max(4));

export const ListTicketsQuery = z.strictObject({
  status: statusFilter.optional(),
  cursor: cursor.optional(),
  limit: pageLimit,
});

export const SupportListTicketsQuery = z.strictObject({
  status: statusFilter.optional(),
  /** `me`, `none` (unassigned) or a support user's id. */
  assignee: z.union([z.enum(['me', 'none']), userId]).optional(),
  /** Only this institute's tickets. */
  institute: tenantId.optional(),
  cursor: cursor.optional(),
  limit: pageLimit,
});

/** A support user sets the status, takes the ticket (their own id) or lets it go (null). */
export const UpdateTicket = z
  .strictObject({ status: TicketStatus.optional(), assigneeId: userId.nullable().optional() })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, 'name status or assigneeId');

export const TicketMessage = z.object({
  id: z.string(),
  from: TicketSide,
  /** The member who wrote it (institute side, for the institute's members); null once erased or for support's messages. */
  authorId: z.string().nullable(),
  /** Null once the author's data was erased. */
  body: z.string().nullable(),
  createdAt: isoDateTime,
});

const ticketFields = {
  id: z.string(),
  /** Null once the member who opened it had their data erased. */
  subject: z.string().nullable(),
  category: TicketCategory,
  status: TicketStatus,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
};

export const TicketSummary = z.object({
  ...ticketFields,
  openedBy: z.string().nullable(),
  /** The privacy request a `my-data` ticket was turned into (issue 15 item 4); null until then. */
  privacyRequestId: requestId.nullable(),
});
export const Ticket = TicketSummary.extend({ messages: z.array(TicketMessage) });
export const TicketPage = page(TicketSummary);

/** What support sees: the ticket, the institute's name and the conversation, no institute data. */
export const SupportTicketSummary = z.object({
  ...ticketFields,
  assigneeId: z.string().nullable(),
  institute: z.object({ tenantId: z.string(), name: z.string().nullable() }),
});
export const SupportTicket = SupportTicketSummary.extend({ messages: z.array(TicketMessage) });
export const SupportTicketPage = page(SupportTicketSummary);

/**
 * Turn a `my-data` ticket into a privacy request about oneself: the type, and the corrections of a
 * rectification, as the privacy service's own request route takes them (ADR 44).
 */
export const TicketPrivacyRequest = z
  .strictObject({ type: RequestType, corrections: Corrections.optional() })
  .superRefine(correctionsOnlyWithRectification);

/** The ticket's link, set once by the gateway after the privacy service accepted the request. */
export const LinkTicketPrivacyRequest = z.strictObject({ privacyRequestId: requestId });

/** The ticket and the request it was turned into (the same one on every repeated call). */
export const TicketPrivacyRequestLinked = z.object({ ticketId: z.string(), privacyRequest: PrivacyRequestAccepted });

// Internal routes: called by other services with a bound service credential (ADR 38), never routed
// by the gateway, which only forwards /api/v1/...

/** Paths of the helpdesk's internal routes. Ids are prefixed ids, which need no escaping. */
export const helpdeskInternalPaths = {
  /** GET: what identity needs of a ticket a support access request cites (ADR 43). */
  ticket: (ticketId: string) => `/internal/v1/tickets/${ticketId}`,
} as const;

/** A ticket as identity sees it: whose, whether open, and its subject to show the owner. No conversation. */
export const TicketFacts = z.object({
  id: z.string(),
  tenantId: z.string(),
  status: TicketStatus,
  /** Null once the member who opened it had their data erased. */
  subject: z.string().nullable(),
});
export type TicketFacts = z.infer<typeof TicketFacts>;

export type OpenTicket = z.infer<typeof OpenTicket>;
export type PostMessage = z.infer<typeof PostMessage>;
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;
export type SupportListTicketsQuery = z.infer<typeof SupportListTicketsQuery>;
export type UpdateTicket = z.infer<typeof UpdateTicket>;
export type TicketPrivacyRequest = z.infer<typeof TicketPrivacyRequest>;
