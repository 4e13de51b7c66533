import { MAX_NOTICE_ATTEMPTS, noticeLocale, retryDelayMs, type ReplyNotice } from '../domain/reply-notice';
import type { Ticket } from '../domain/ticket';
import type { Deps } from './deps';
import type { ReplyNoticeRepository } from './ports';

const NOTICE_JOB = 'the reply-notice job mails whichever institute\'s ticket was answered';
/** Longer than a send can take (nodemailer gives up within 40 s): a live sender never loses its lease. */
export const NOTICE_LEASE_MS = 2 * 60_000;
const BATCH = 20;

type NoticeDeps = Pick<Deps, 'uow' | 'clock' | 'mail' | 'contacts' | 'notices' | 'logger'>;

/**
 * One turn of the notice job: leases the notices due (committed first, so no transaction is open
 * while SMTP talks), mails each, and records it sent. A process that dies mid-send leaves the lease
 * to run out; the notice then goes again with the same Message-ID, so the mailbox shows it once
 * (ADR 43). Logs ids only, never an address or a subject. Returns how many were sent.
 */
export async function deliverReplyNotices(deps: NoticeDeps): Promise<number> {
  const now = deps.clock();
  const claimed = await deps.uow.acrossTenants(NOTICE_JOB, ({ notices }) =>
    notices.claimDueAcrossTenants(now, new Date(now.getTime() + NOTICE_LEASE_MS), BATCH));
  let sent = 0;
  for (const notice of claimed) if (await deliverOne(deps, notice)) sent++;
  return sent;
}

async function deliverOne(deps: NoticeDeps, notice: ReplyNotice): Promise<boolean> {
  const ids = { noticeId: notice.id, ticketId: notice.ticketId, tenantId: notice.tenantId, recipient: notice.recipient };
  const record = (change: (notices: ReplyNoticeRepository, now: Date) => Promise<void>) =>
    deps.uow.acrossTenants(NOTICE_JOB, ({ notices }) => change(notices, deps.clock()));
  try {
    const ticket = await deps.uow.acrossTenants(NOTICE_JOB, ({ tickets }) => tickets.getAcrossTenants(notice.ticketId));
    const to = ticket ? await recipientAddress(deps, notice) : undefined;
    if (!ticket || !to) {
      await record((notices, now) => notices.giveUp(notice.id, now));
      deps.logger.info(ids, 'reply notice dropped: nobody to send it to');
      return false;
    }
    await deps.mail.send(to, template(notice), noticeLocale(notice, ticket), mailData(deps, notice, ticket), { messageId: `<${notice.id}.reply-notice@homi>` });
    await record((notices, now) => notices.markSent(notice.id, now));
    deps.logger.info(ids, 'reply notice sent');
    return true;
  } catch (err) {
    const giveUp = notice.attempts >= MAX_NOTICE_ATTEMPTS;
    await record((notices, now) => (giveUp ? notices.giveUp(notice.id, now) : notices.retryAt(notice.id, new Date(now.getTime() + retryDelayMs(notice.attempts)))));
    // The error is the mailer's or identity's, which name no address or content.
    deps.logger.warn({ ...ids, attempts: notice.attempts, err: err instanceof Error ? { name: err.name, message: err.message } : undefined }, giveUp ? 'reply notice given up' : 'reply notice not sent; tried again later');
    return false;
  }
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
