import { deliverDueNotices, type Mailer, type MailLocale } from '@homi/mail';
import type { Logger, MailContacts } from '@homi/service-kit';
import type { Notification } from '../domain/notification';
import type { PrivacyRequest } from '../domain/request';
import type { PrivacyUnitOfWork } from './ports';

const NOTICE_JOB = 'the notice job mails requesters of any institute that their request was extended or completed';

/** What the notice job needs (ADR 51); service.ts wires identity's address book and the SMTP mailer. */
export interface NoticeDeps {
  uow: PrivacyUnitOfWork;
  clock: () => Date;
  mail: Pick<Mailer, 'send'>;
  contacts: MailContacts;
  /** The request in the web application. */
  requestLink: (requestId: string) => string;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * One turn of the notice job over libs/mail's notice queue: leases the notices due, asks identity for
 * the requester's address, mails the kind of request, its deadline and a link (never what it is
 * about or what it found, which the requester reads signed in), records it sent. A requester identity
 * will not mail (the account is gone, e.g. erased by this very request) drops the notice.
 */
export function deliverRequestNotices(deps: NoticeDeps): Promise<number> {
  return deliverDueNotices<Notification>({
    kind: 'request notice',
    clock: deps.clock,
    logger: deps.logger,
    inQueue: (work) => deps.uow.acrossTenants(NOTICE_JOB, ({ notifications }) => work(notifications, deps.clock())),
    describe: (notice) => ({ noticeId: notice.id, requestId: notice.requestId, kind: notice.kind }),
    send: async (notice) => {
      const request = await deps.uow.acrossTenants(NOTICE_JOB, ({ requests }) => requests.get(notice.requestId));
      const to = request ? await deps.contacts.addressOf(notice.userId) : undefined;
      if (!request || !to) return 'nobody';
      const locale: MailLocale = request.requester.locale ?? 'nl';
      const messageId = `<${notice.id}.privacy-notice@homi>`;
      const link = deps.requestLink(request.id);
      if (notice.kind === 'request-extended') {
        await deps.mail.send(to, 'privacy-request-extended', locale, { requestType: request.type, dueAt: dueAtOf(notice, request), link }, { messageId });
      } else {
        await deps.mail.send(to, 'privacy-request-completed', locale, { requestType: request.type, link }, { messageId });
      }
      return 'sent';
    },
  });
}

/** The deadline the extension set, as the notice recorded it. */
const dueAtOf = (notice: Notification, request: PrivacyRequest): string =>
  typeof notice.data.dueAt === 'string' ? notice.data.dueAt : request.dueAt.toISOString();
