import { OwedNotice, type MailLocale } from '@homi/mail';
import type { Ticket, TicketMessage } from './ticket';

/** Who a reply notice goes to: the member who opened the ticket, or support (the assignee or the mailbox). */
export type NoticeRecipient = 'member' | 'support';

/**
 * The mail a reply owes the other side (ADR 43), recorded in the reply's transaction and sent after
 * commit by the notice job: ids only, the text stays in the ticket. Its id is the message's.
 */
export class ReplyNotice extends OwedNotice {
  constructor(
    id: string,
    readonly tenantId: string,
    readonly ticketId: string,
    readonly recipient: NoticeRecipient,
    /** The member, or the support user who took the ticket; null for the support mailbox (or once erased). */
    public recipientId: string | null,
    readonly createdAt: Date,
  ) {
    super(id, createdAt);
  }
}

/** Support's reply tells the member who opened the ticket; the institute's tells the assignee, or the support mailbox. */
export function noticeFor(ticket: Ticket, message: TicketMessage): ReplyNotice | undefined {
  if (message.from === 'support') {
    // Nobody to tell once the opener's data was erased.
    return ticket.openedBy ? new ReplyNotice(message.id, ticket.tenantId, ticket.id, 'member', ticket.openedBy, message.createdAt) : undefined;
  }
  return new ReplyNotice(message.id, ticket.tenantId, ticket.id, 'support', ticket.assigneeId, message.createdAt);
}

/** The language of the mail: the member's, as their browser said when they opened the ticket; support reads Dutch. */
export const noticeLocale = (notice: ReplyNotice, ticket: Ticket): MailLocale => (notice.recipient === 'member' ? ticket.locale : 'nl');
