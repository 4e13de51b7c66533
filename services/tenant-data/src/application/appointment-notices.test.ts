import { Institute } from '../domain/institute';
import { createAppointment } from './create-appointment';
import { createClient } from './create-client';
import { deleteAppointment } from './delete-appointment';
import { deliverAppointmentNotices, type NoticeMailing } from './deliver-appointment-notices';
import { inMemoryDeps } from './in-memory';
import { updateInstitute } from './institute';
import { previewUnsubscribe, unsubscribe } from './unsubscribe';
import { updateAppointment } from './update-appointment';
import { updateClient } from './update-client';

const TENANT = 'ten_0000000001';
const OWNER = { role: 'owner' } as const;
const at = (day: number, hour: number) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const HOUR = 3600_000;

interface Sent { to: string; template: string; data: { instituteName: string; startsAt: string; unsubscribeLink: string }; messageId: string; headers: Record<string, string> }

function setUp() {
  const setup = inMemoryDeps();
  setup.repositories.institutes.add(new Institute(TENANT, 'Salon Zon', setup.clock.now));
  const sent: Sent[] = [];
  let failNext = 0;
  const mailing: NoticeMailing = {
    mail: {
      send: async (to, template, _locale, data, options = {}) => {
        if (failNext > 0) {
          failNext--;
          throw new Error('SMTP refused');
        }
        sent.push({ to, template, data: data as Sent['data'], messageId: options.messageId ?? '', headers: options.headers ?? {} });
        return { messageId: options.messageId ?? '' };
      },
    },
    links: {
      unsubscribe: (code) => `https://app.homi.test/afmelden#token=${code}`,
      oneClickUnsubscribe: (code) => `https://app.homi.test/api/v1/reminder-unsubscribes/${code}`,
    },
    logger: { info: () => {}, warn: () => {} },
  };
  const deliver = () => deliverAppointmentNotices(setup.deps, mailing);
  const advance = (ms: number) => {
    setup.clock.now = new Date(setup.clock.now.getTime() + ms);
  };
  const client = (reminderConsent?: boolean, email: string | undefined = 'anna@example.nl') =>
    createClient(setup.deps, TENANT, { name: 'Anna', ...(email ? { email } : {}), ...(reminderConsent !== undefined ? { reminderConsent } : {}) });
  const book = (clientId: string, day = 10, hour = 9) =>
    createAppointment(setup.deps, TENANT, { clientId, startsAt: at(day, hour), endsAt: at(day, hour + 1), treatment: 'Acne-behandeling', notes: 'gevoelige huid' }, OWNER);
  return { ...setup, sent, deliver, advance, client, book, failOnce: () => { failNext = 1; } };
}

describe('appointment confirmations and reminders', () => {
  it('records the consent with its time, and the withdrawal with its own', async () => {
    const t = setUp();
    const anna = await t.client(true);
    expect([anna.reminderConsent, anna.reminderConsentAt?.toISOString()]).toEqual([true, '2026-03-02T09:00:00.000Z']);
    t.advance(HOUR);
    await updateClient(t.deps, TENANT, anna.id, { reminderConsent: true });
    expect(anna.reminderConsentAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    await updateClient(t.deps, TENANT, anna.id, { reminderConsent: false });
    expect([anna.reminderConsent, anna.reminderConsentAt?.toISOString()]).toEqual([false, '2026-03-02T10:00:00.000Z']);
    expect((await t.client()).reminderConsent).toBeNull();
  });

  it('confirms a booking at once and reminds 24 hours before, each exactly once, with the institute and time but no treatment or notes', async () => {
    const t = setUp();
    const anna = await t.client(true);
    const appointment = await t.book(anna.id);
    expect(await t.deliver()).toBe(1);
    expect(await t.deliver()).toBe(0);
    expect(t.sent.map((m) => m.template)).toEqual(['appointment-confirmation']);
    expect(t.sent[0]).toMatchObject({ to: 'anna@example.nl', data: { instituteName: 'Salon Zon', startsAt: at(10, 9) } });
    expect(JSON.stringify(t.sent[0])).not.toMatch(/Acne|gevoelige/);
    // The footer links to the page; the header gives the mailbox provider the one-click URL of the same code (RFC 8058).
    const code = /#token=(\S+)$/.exec(t.sent[0]!.data.unsubscribeLink)?.[1];
    expect(code).toContain(anna.id);
    expect(t.sent[0]!.headers).toEqual({
      'List-Unsubscribe': `<https://app.homi.test/api/v1/reminder-unsubscribes/${code}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });

    t.clock.now = new Date(Date.parse(at(9, 9)) - 60_000);
    expect(await t.deliver()).toBe(0);
    t.advance(60_000);
    expect(await t.deliver()).toBe(1);
    t.advance(HOUR);
    expect(await t.deliver()).toBe(0);
    expect(t.sent.map((m) => m.template)).toEqual(['appointment-confirmation', 'appointment-reminder']);
    expect(new Set(t.sent.map((m) => m.messageId)).size).toBe(2);
    expect(appointment.id).toBeDefined();
  });

  it('mails nobody without an address or consent, and nothing about an appointment in the past', async () => {
    const t = setUp();
    await t.book((await t.client(undefined)).id);
    await t.book((await t.client(true, undefined)).id, 11);
    await t.book((await t.client(false)).id, 12);
    t.clock.now = new Date(at(13, 0));
    expect(await t.deliver()).toBe(0);
    expect(t.sent).toEqual([]);
  });

  it('moves the reminder with the appointment, and drops it when the appointment is cancelled, a no-show or deleted', async () => {
    const t = setUp();
    const anna = await t.client(true);
    const moved = await t.book(anna.id, 10);
    const cancelled = await t.book(anna.id, 11);
    const deleted = await t.book(anna.id, 12);
    await t.deliver();
    t.sent.length = 0;
    await updateAppointment(t.deps, TENANT, moved.id, { startsAt: at(20, 9) }, OWNER);
    await updateAppointment(t.deps, TENANT, cancelled.id, { status: 'cancelled' }, OWNER);
    await deleteAppointment(t.deps, TENANT, deleted.id);
    t.clock.now = new Date(at(13, 0));
    expect(await t.deliver()).toBe(0);
    t.clock.now = new Date(at(19, 9));
    expect(await t.deliver()).toBe(1);
    expect(t.sent.map((m) => [m.template, m.data.startsAt])).toEqual([['appointment-reminder', at(20, 9)]]);
  });

  it('goes on past a full batch of reminders it drops, to the ones it sends, in one turn', async () => {
    const t = setUp();
    for (let i = 0; i < 45; i++) await t.book((await t.client(false)).id, 10, 0);
    await t.book((await t.client(true)).id, 10, 9);
    t.clock.now = new Date(at(9, 12));
    expect(await t.deliver()).toBe(2);
    expect(t.sent.map((m) => m.template).sort()).toEqual(['appointment-confirmation', 'appointment-reminder']);
  });

  it("moves every unsent reminder when the institute changes its lead time", async () => {
    const t = setUp();
    const anna = await t.client(true);
    await t.book(anna.id, 10, 9);
    await t.deliver();
    await updateInstitute(t.deps, TENANT, { reminderLeadHours: 48 });
    t.clock.now = new Date(at(8, 9));
    expect(await t.deliver()).toBe(1);
    expect(t.sent.at(-1)?.template).toBe('appointment-reminder');
  });

  it('tries a refused mail again later with the same Message-ID, and a crash after sending repeats it with the same Message-ID', async () => {
    const t = setUp();
    const anna = await t.client(true);
    await t.book(anna.id);
    t.failOnce();
    expect(await t.deliver()).toBe(0);
    t.advance(61_000);
    expect(await t.deliver()).toBe(1);
    const [notice] = [...t.repositories.notices.rows.values()].filter((n) => n.kind === 'confirmation');
    // A sender killed between SMTP's acceptance and recording it: the lease runs out, the mail goes again, as the same message.
    Object.assign(notice!, { sentAt: null, leaseUntil: new Date(t.clock.now.getTime() - 1) });
    expect(await t.deliver()).toBe(1);
    expect(t.sent.map((m) => m.messageId)).toEqual([t.sent[0]!.messageId, t.sent[0]!.messageId]);
  });

  it("shows whose link it is without changing anything, withdraws the consent by it, and then sends no queued reminder", async () => {
    const t = setUp();
    const anna = await t.client(true);
    await t.book(anna.id);
    await t.deliver();
    const code = new URL(t.sent[0]!.data.unsubscribeLink).hash.replace('#token=', '');
    expect(await previewUnsubscribe(t.deps, code)).toEqual({ instituteName: 'Salon Zon', subscribed: true });
    expect(anna.reminderConsent).toBe(true);
    t.advance(HOUR);
    await unsubscribe(t.deps, code);
    await unsubscribe(t.deps, code);
    expect([anna.reminderConsent, anna.reminderConsentAt?.toISOString()]).toEqual([false, '2026-03-02T10:00:00.000Z']);
    expect(await previewUnsubscribe(t.deps, code)).toEqual({ instituteName: 'Salon Zon', subscribed: false });
    t.clock.now = new Date(at(9, 10));
    expect(await t.deliver()).toBe(0);
    expect(t.sent).toHaveLength(1);
    await expect(unsubscribe(t.deps, `code.${TENANT}.cli_0000000099`)).rejects.toMatchObject({ kind: 'not_found', type: 'unsubscribe-link-invalid' });
    await expect(previewUnsubscribe(t.deps, 'made-up')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
