import type { helpdeskApi } from '@homi/contracts';
import type { z } from 'zod';
import type { SupportView } from '../application/support-tickets';
import type { Ticket, TicketMessage } from '../domain/ticket';

type Message = z.infer<typeof helpdeskApi.TicketMessage>;

/**
 * A message as each side sees it: the institute's members see which member wrote a message, never
 * which support user; support sees which support user wrote, never which member.
 */
export const presentMessage = (m: TicketMessage, viewer: 'institute' | 'support'): Message => ({
  id: m.id,
  from: m.from,
  authorId: m.from === viewer ? m.authorId : null,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
});

const ticketFields = (t: Ticket) => ({
  id: t.id,
  subject: t.subject,
  category: t.category,
  status: t.status,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  closedAt: t.closedAt?.toISOString() ?? null,
});

export const presentTicket = (t: Ticket): z.infer<typeof helpdeskApi.TicketSummary> => ({
  ...ticketFields(t),
  openedBy: t.openedBy,
  privacyRequestId: t.privacyRequestId,
});

export const presentTicketWithMessages = (t: Ticket, messages: TicketMessage[]): z.infer<typeof helpdeskApi.Ticket> => ({
  ...presentTicket(t),
  messages: messages.map((m) => presentMessage(m, 'institute')),
});

/** Support's view: the ticket, whom it is assigned to and the institute's name; nothing else of the institute. */
export const presentSupportTicket = ({ ticket, institute }: SupportView): z.infer<typeof helpdeskApi.SupportTicketSummary> => ({
  ...ticketFields(ticket),
  assigneeId: ticket.assigneeId,
  institute,
});
