import { deliverDueNotices, type MailLog, type Mailer } from '@homi/mail';
import { noticeMessageId, stillWanted, type AppointmentNotice } from '../domain/appointment-notice';
import type { Deps } from './deps';

const SENDER = 'the appointment-mail job mails whichever institute\'s clients are due a confirmation or reminder';

/** What the job needs besides the use cases' ports: the mail path and the links a mail carries. */
export interface NoticeMailing {
  mail: Pick<Mailer, 'send'>;
  /**
   * For a client's code: the web application's unsubscribe page (the mail's footer link), and the
   * public API's one-click URL (RFC 8058) that a mailbox provider posts to from its own button.
   */
  links: { unsubscribe(code: string): string; oneClickUnsubscribe(code: string): string };
  logger: MailLog;
  /** How long a claim holds (libs/mail's default unless given). */
  leaseMs?: number;
  batch?: number;
  /** Batches sent side by side (each on its own SMTP connection of the pool). */
  workers?: number;
}

/**
 * One turn of the appointment-mail job (ADR 53) over libs/mail's notice queue, which leases the
 * notices due batch after batch until a batch comes back short: mails each that is still wanted —
 * the appointment booked and ahead, the client with an address and consent — with the Message-ID of
 * the notice, so a resend after a crash is the same message. Returns how many were sent.
 */
export async function deliverAppointmentNotices(deps: Pick<Deps, 'uow' | 'clock' | 'unsubscribeCodes'>, mailing: NoticeMailing): Promise<number> {
  const sent = await Promise.all(Array.from({ length: mailing.workers ?? 4 }, () => deliverBatches(deps, mailing)));
  return sent.reduce((a, b) => a + b, 0);
}

function deliverBatches(deps: Pick<Deps, 'uow' | 'clock' | 'unsubscribeCodes'>, mailing: NoticeMailing): Promise<number> {
  return deliverDueNotices<AppointmentNotice>({
    kind: 'appointment notice',
    clock: deps.clock,
    logger: mailing.logger,
    ...(mailing.leaseMs ? { leaseMs: mailing.leaseMs } : {}),
    batch: mailing.batch ?? 20,
    inQueue: (work) => deps.uow.acrossTenants(SENDER, ({ notices }) => work(notices, deps.clock())),
    describe: (notice) => ({ noticeId: notice.id, kind: notice.kind, tenantId: notice.tenantId, appointmentId: notice.appointmentId }),
    send: async (notice) => {
      const subject = await deps.uow.acrossTenants(SENDER, ({ notices }) => notices.subjectOf(notice));
      if (subject?.noticeSent) return 'sent';
      if (!stillWanted(subject, deps.clock())) return 'nobody';
      const code = deps.unsubscribeCodes.codeFor(notice.tenantId, subject.clientId);
      const data = { instituteName: subject.instituteName, startsAt: subject.startsAt.toISOString(), unsubscribeLink: mailing.links.unsubscribe(code) };
      const template = notice.kind === 'confirmation' ? 'appointment-confirmation' : 'appointment-reminder';
      // Dutch: the institute records no language of its clients.
      await mailing.mail.send(subject.email as string, template, 'nl', data, {
        messageId: noticeMessageId(notice),
        // RFC 8058: the mailbox provider's own unsubscribe button posts `List-Unsubscribe=One-Click` to
        // this one HTTPS URL (the RFC allows no other); a client opening it instead is sent on to the page.
        headers: { 'List-Unsubscribe': `<${mailing.links.oneClickUnsubscribe(code)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      return 'sent';
    },
  });
}
