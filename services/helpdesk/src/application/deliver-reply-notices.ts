import { deliverDueNotices } from '@homi/mail';
import { noticeLocale, type ReplyNotice } from '../domain/reply-notice';
import type { Ticket } from '../domain/ticket';
import type { Deps } from './deps';

const NOTICE_JOB = 'the reply-notice job mails whichever institute\'s ticket was answered';

type NoticeDeps = Pick<Deps, 'uow' | 'clock' | 'mail' | 'contacts' | 'notices' | 'logger'>;

/**
 * One turn of the notice job over libs/mail's notice queue (ADR 43, ADR 51): leases the notices due,
 * mails each with a Message-ID of its own, records it sent. Logs ids only, never an address or a
 * subject. Returns how many were sent.
 */
export function deliverReplyNotices(deps: NoticeDeps): Promise<number> {
  return deliverDueNotices<ReplyNotice>({
    kind: 'reply notice',
    clock: deps.clock,
    logger: deps.logger,
    inQueue: (work) => deps.uow.acrossTenants(NOTICE_JOB, ({ notices }) => work(notices, deps.clock())),
    describe: (notice) => ({ noticeId: notice.id, ticketId: notice.ticketId, tenantId: notice.tenantId, recipient: notice.recipient }),
    send: async (notice) => {
      const ticket = await deps.uow.acrossTenants(NOTICE_JOB, ({ tickets }) => tickets.getAcrossTenants(notice.ticketId));
      const to = ticket ? await recipientAddress(deps, notice) : undefined;
      if (!ticket || !to) return 'nobody';
      await deps.mail.send(to, template(notice), noticeLocale(notice, ticket), mailData(deps, notice, ticket), { messageId: `<${notice.id}.reply-notice@homi>` });
      return 'sent';
    },
  });
}

/** The member's address from identity; support's assignee's likewise, else the support mailbox. */
async function recipientAddress(deps: NoticeDeps, notice: ReplyNotice): Promise<string | undefined> {
  const personal = notice.recipientId ? await deps.contacts.addressOf(notice.recipientId) : undefined;
  return notice.recipient === 'member' ? personal : personal ?? deps.notices.supportMailbox;
}

const template = (notice: ReplyNotice): 'ticket-reply-to-member' | 'ticket-reply-to-support' =>
  notice.recipient === 'member' ? 'ticket-reply-to-member' : 'ticket-reply-to-support';

function mailData(deps: NoticeDeps, notice: ReplyNotice, ticket: Ticket): { ticketSubject: string; link: string } {
  const { links } = deps.notices;
  return {
    ticketSubject: ticket.subject ?? '',
    link: notice.recipient === 'member' ? links.member(ticket.tenantId, ticket.id) : links.support(ticket.id),
  };
}
