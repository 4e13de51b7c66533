import { helpdeskApi as api } from '@homi/contracts';
import { anyMember } from '../domain/access';
import { prefixedId } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

/** The one route the gateway orchestrates rather than forwards (ADR 44, `ticket-privacy-request.ts`). */
export const TICKET_PRIVACY_REQUEST = 'turnTicketIntoPrivacyRequest';

const TICKETS = '/tenants/:tenantId/tickets';
const DESK = '/support/tickets';
const TICKET_ID = { ticketId: prefixedId('tkt', 'Ticket', 'ticketId') };
// Any member may ask HOMi for help, whatever their module levels: no module governs tickets (ADR 41).
// Which tickets a member sees (owners and admins all, others their own) the helpdesk decides. A
// support user under a grant never works here: support answers tickets at /support/tickets.
const member: Audience = { kind: 'tenant', access: anyMember, support: 'never' };
const supportStaff: Audience = { kind: 'realm-role', role: 'support' };
const common = { upstream: 'helpdesk', tag: 'Helpdesk' } as const;

/** Tickets between an institute's members and HOMi support: the helpdesk's routes (issue 15). */
export const HELPDESK_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'listTickets', method: 'get', path: TICKETS, ids: {}, audience: member, query: api.ListTicketsQuery,
    summary: 'The institute\'s tickets: all of them for owners and admins, one\'s own for other members',
    success: { status: 200, description: 'One page of tickets, newest first.', schema: api.TicketPage },
  },
  {
    ...common, operationId: 'openTicket', method: 'post', path: TICKETS, ids: {}, audience: member, body: api.OpenTicket,
    summary: 'Ask HOMi support something: a subject, a category and the first message',
    notes: 'Support\'s replies are mailed to the member who opened it (the subject and a link, never the reply), in the language ' +
      'of this call\'s `Accept-Language` (nl or en, else nl) (ADR 43).',
    success: { status: 201, description: 'The ticket with its first message; `Location` names it.', schema: api.Ticket, location: true },
  },
  {
    ...common, operationId: 'getTicket', method: 'get', path: `${TICKETS}/:ticketId`, ids: TICKET_ID, audience: member,
    summary: 'A ticket with its conversation',
    success: { status: 200, description: 'The ticket and every message, oldest first.', schema: api.Ticket },
  },
  {
    ...common, operationId: 'replyToTicket', method: 'post', path: `${TICKETS}/:ticketId/messages`, ids: TICKET_ID, audience: member,
    body: api.PostMessage, summary: 'Reply on a ticket', errors: { 409: 'Conflict' },
    notes: 'A reply on a ticket waiting for the institute, or solved, opens it again; a closed ticket takes no reply (409 `ticket-closed`). ' +
      'The support user who took the ticket, or HOMi support\'s mailbox, is mailed that a reply came (ADR 43).',
    success: { status: 201, description: 'The message.', schema: api.TicketMessage },
  },
  {
    ...common, operationId: 'closeTicket', method: 'post', path: `${TICKETS}/:ticketId/close`, ids: TICKET_ID, audience: member,
    summary: 'Close a ticket', notes: 'HOMi support\'s access that cites the ticket ends (ADR 43).',
    success: { status: 200, description: 'The closed ticket.', schema: api.TicketSummary },
  },
  {
    ...common, operationId: TICKET_PRIVACY_REQUEST, method: 'post', path: `${TICKETS}/:ticketId/privacy-request`, ids: TICKET_ID, audience: member,
    body: api.TicketPrivacyRequest, summary: 'Turn a my-data ticket into a privacy request about yourself',
    errors: { 403: 'Forbidden', 409: 'Conflict' },
    notes: 'Only the member who opened the ticket (403 `ticket-opener-only`), only a `my-data` ticket (409 `not-a-my-data-ticket`), ' +
      'not a closed one (409 `ticket-closed`). The privacy service judges the request exactly as on `POST /privacy/requests` with ' +
      '`subject: {kind: "self"}` (ADR 32). One request per ticket: calling again answers the same request (200), whatever the type. ' +
      'The gateway orchestrates the helpdesk and the privacy service with the caller\'s own context (ADR 44).',
    success: { status: 201, description: 'The request the ticket now links to; `Location` names it.', schema: api.TicketPrivacyRequestLinked, location: true },
  },
  {
    ...common, operationId: 'listSupportTickets', method: 'get', path: DESK, ids: {}, audience: supportStaff, query: api.SupportListTicketsQuery,
    summary: 'Every institute\'s tickets (support staff)',
    notes: 'Filters combine: `status` (comma-separated), `assignee` (`me`, `none` or a support user\'s id), `institute` (a tenant id). ' +
      'Each ticket names its institute by name only.',
    success: { status: 200, description: 'One page of tickets, newest first.', schema: api.SupportTicketPage },
  },
  {
    ...common, operationId: 'getSupportTicket', method: 'get', path: `${DESK}/:ticketId`, ids: TICKET_ID, audience: supportStaff,
    summary: 'A ticket with its conversation (support staff)',
    success: { status: 200, description: 'The ticket, its institute\'s name and every message.', schema: api.SupportTicket },
  },
  {
    ...common, operationId: 'replyToSupportTicket', method: 'post', path: `${DESK}/:ticketId/messages`, ids: TICKET_ID, audience: supportStaff,
    body: api.PostMessage, summary: 'Answer a ticket (support staff)', errors: { 409: 'Conflict' },
    notes: 'The member who opened the ticket is mailed that support replied: the subject and a link, never the reply (ADR 43).',
    success: { status: 201, description: 'The message.', schema: api.TicketMessage },
  },
  {
    ...common, operationId: 'updateSupportTicket', method: 'patch', path: `${DESK}/:ticketId`, ids: TICKET_ID, audience: supportStaff,
    body: api.UpdateTicket, summary: 'Set a ticket\'s status, take it or let it go (support staff)', errors: { 403: 'Forbidden' },
    notes: 'A support user assigns a ticket to themselves only (403 `assign-yourself-only`); `assigneeId: null` lets it go. ' +
      'Closing a ticket ends the support access that cites it (ADR 43).',
    success: { status: 200, description: 'The ticket.', schema: api.SupportTicketSummary },
  },
];
