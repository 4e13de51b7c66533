import { MAX_NOTICE_ATTEMPTS, type Mailer } from '@homi/mail';
import { createLogger, newId } from '@homi/service-kit';
import { PrivacyRequest } from '../domain/request';
import { deliverRequestNotices, type NoticeDeps } from './deliver-notices';
import { extendRequest } from './extend-request';
import { callerOf, inMemoryDeps } from './in-memory';

// The notice job (ADR 51) on in-memory repositories: what it mails, to whom, once, and what it drops.

type Sent = { to: string; template: string; locale: string; data: Record<string, unknown>; messageId?: string };

function setup(options: { locale?: 'nl' | 'en'; address?: string | undefined; refuse?: boolean } = {}) {
  const t = inMemoryDeps();
  const requesterId = newId('usr');
  const request = new PrivacyRequest(newId('dsr'), 'erasure', { kind: 'user', userId: requesterId }, { userId: requesterId, ...(options.locale ? { locale: options.locale } : {}) }, t.clock.now);
  t.requests.add(request);
  const sent: Sent[] = [];
  const mail: Pick<Mailer, 'send'> = {
    send: async (to, template, locale, data, o) => {
      if (options.refuse) throw new Error('SMTP 451');
      sent.push({ to, template, locale, data: data as Record<string, unknown>, messageId: o?.messageId });
      return { messageId: o?.messageId ?? 'x' };
    },
  };
  const asked: string[] = [];
  const address = 'address' in options ? options.address : 'requester@example.nl';
  const notices: NoticeDeps = {
    uow: t.deps.uow,
    clock: t.deps.clock,
    mail,
    contacts: { addressOf: async (userId) => (asked.push(userId), address) },
    requestLink: (id) => `https://app.homi.test/privacy-requests/${id}`,
    logger: createLogger({ service: 'privacy', level: 'silent' }),
  };
  const operator = callerOf({ userId: newId('usr'), realmRoles: ['operator'] });
  return { ...t, request, sent, asked, notices, extend: () => extendRequest(t.deps, operator, request.id, { months: 1, reason: 'Backups must be searched' }) };
}

describe('deliverRequestNotices', () => {
  it('mails an extension once, in the requester\'s language, with the new deadline and a link, never the reason', async () => {
    const t = setup({ locale: 'en' });
    const extended = await t.extend();
    expect(await deliverRequestNotices(t.notices)).toBe(1);
    expect(t.asked).toEqual([t.request.requester.userId]);
    expect(t.sent).toEqual([{
      to: 'requester@example.nl', template: 'privacy-request-extended', locale: 'en',
      data: { requestType: 'erasure', dueAt: extended.dueAt.toISOString(), link: `https://app.homi.test/privacy-requests/${t.request.id}` },
      messageId: `<${t.notifications.rows[0]!.id}.privacy-notice@homi>`,
    }]);
    expect(JSON.stringify(t.sent)).not.toContain('Backups');
    expect(await deliverRequestNotices(t.notices)).toBe(0);
    expect(t.sent).toHaveLength(1);
  });

  it('writes Dutch to a requester whose language is not known (a request from before ADR 51, or an account deletion)', async () => {
    const t = setup();
    await t.extend();
    await deliverRequestNotices(t.notices);
    expect(t.sent.map((s) => s.locale)).toEqual(['nl']);
  });

  it('drops the notice when identity will not mail the requester (the account is gone)', async () => {
    const t = setup({ address: undefined });
    await t.extend();
    expect(await deliverRequestNotices(t.notices)).toBe(0);
    expect(t.sent).toEqual([]);
    expect(t.notifications.rows[0]!.gaveUpAt).toEqual(t.clock.now);
    expect(await deliverRequestNotices(t.notices)).toBe(0);
    expect(t.asked).toHaveLength(1);
  });

  it('tries a refused mail again later, a minute then doubling, and gives up after the last attempt', async () => {
    const t = setup({ refuse: true });
    await t.extend();
    expect(await deliverRequestNotices(t.notices)).toBe(0);
    const notice = t.notifications.rows[0]!;
    expect([notice.attempts, notice.sentAt, notice.gaveUpAt, notice.nextAttemptAt.getTime() - t.clock.now.getTime()]).toEqual([1, null, null, 60_000]);
    expect(await deliverRequestNotices(t.notices)).toBe(0); // not due yet
    expect(notice.attempts).toBe(1);
    for (let i = 1; i < MAX_NOTICE_ATTEMPTS; i++) {
      t.clock.now = notice.nextAttemptAt;
      await deliverRequestNotices(t.notices);
    }
    expect([notice.attempts, notice.gaveUpAt]).toEqual([MAX_NOTICE_ATTEMPTS, t.clock.now]);
  });
});
