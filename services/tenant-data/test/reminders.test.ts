import request from 'supertest';
import { mailCatcherClient, startMailCatcher, type MailCatcher } from '@homi/mail-catcher';
import { CALLER_HEADER } from '@homi/service-kit';
import { as, callerHeader, owner, staff, startTenantData, type Caller, type Harness } from './harness';

// Appointment confirmations and reminders over HTTP against real Postgres (ADR 53): the consent on
// the client card, the lead time on the institute, the public unsubscribe routes, and what lands in
// an SMTP catcher.
let h: Harness;
let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
  h = await startTenantData({ env: { SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: 'https://app.homi.test', NOTICE_INTERVAL_MS: '3600000' } });
});
afterAll(async () => {
  await h?.stop();
  await catcher?.stop();
});

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

async function institute(name = 'Salon Zon'): Promise<Caller> {
  const caller = owner();
  await h.scope.run(caller.tenantId, (em) => em.execute(
    'insert into institutes (tenant_id, name, created_at, updated_at) values (?, ?, now(), now())', [caller.tenantId, name]));
  return caller;
}

async function mailsTo(address: string) {
  await h.service.notices.runOnce();
  return mailCatcherClient(catcher.url).list(address);
}

const codeIn = async (id: string) => /#token=([A-Za-z0-9_.~-]+)/.exec((await mailCatcherClient(catcher.url).get(id)).text)?.[1] ?? '';
const publicApi = () => ({
  lookUp: (token: unknown) => request(h.server).post('/api/v1/reminder-unsubscribe-lookups').send({ token }),
  unsubscribe: (token: unknown) => request(h.server).post('/api/v1/reminder-unsubscribes').send({ token }),
});

describe('appointment mails', () => {
  it('records the consent with its time on the client card, for those who may see the client', async () => {
    const salon = await institute();
    const api = as(h, salon);
    const created = await api.post('/clients', { name: 'Anna', email: 'anna.consent@example.nl', reminderConsent: true });
    expect(created.status).toBe(201);
    expect(created.body.reminderConsent).toEqual({ given: true, at: expect.any(String) });
    const withdrawn = await api.patch(`/clients/${created.body.id}`, { reminderConsent: false });
    expect(withdrawn.body.reminderConsent.given).toBe(false);
    expect(Date.parse(withdrawn.body.reminderConsent.at)).toBeGreaterThanOrEqual(Date.parse(created.body.reminderConsent.at));
    expect((await api.get(`/clients/${created.body.id}`)).body.reminderConsent.given).toBe(false);
    // The list reads its rows without the ORM (ADR 59): it shows the consent as the card does.
    const listed = (await api.get('/clients?q=anna')).body.items.find((c: { id: string }) => c.id === created.body.id);
    expect(listed.reminderConsent).toEqual(withdrawn.body.reminderConsent);
    expect((await api.post('/clients', { name: 'Bram' })).body.reminderConsent).toBeNull();
    // An agenda-only colleague sees the appointment's client masked, the consent too.
    await api.post('/appointments', { clientId: created.body.id, startsAt: inHours(50), endsAt: inHours(51), treatment: 'Pedicure' });
    const agenda = await as(h, staff(salon.tenantId, { agenda: 'view' })).get('/appointments');
    expect(agenda.body.items[0].client.masked).toBe(true);
  });

  it('refuses a consent that is no yes or no, and changes nothing', async () => {
    const api = as(h, await institute());
    const anna = (await api.post('/clients', { name: 'Anna', reminderConsent: true })).body;
    for (const reminderConsent of ['yes', 1, null]) {
      const res = await api.patch(`/clients/${anna.id}`, { reminderConsent });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await api.post('/clients', { name: 'X', reminderConsent: 'ja' })).status).toBe(400);
    expect((await api.get(`/clients/${anna.id}`)).body.reminderConsent).toEqual(anna.reminderConsent);
  });

  it('sets the lead time with settings:edit only, between 1 hour and 14 days', async () => {
    const salon = await institute();
    const api = as(h, salon);
    expect((await api.get('')).body.reminderLeadHours).toBe(24);
    expect((await api.patch('', { reminderLeadHours: 48 })).body.reminderLeadHours).toBe(48);
    for (const reminderLeadHours of [0, 337, 1.5, '24']) expect((await api.patch('', { reminderLeadHours })).status).toBe(400);
    expect((await as(h, staff(salon.tenantId, { settings: 'view', agenda: 'edit' })).patch('', { reminderLeadHours: 2 })).status).toBe(403);
    // Another institute's owner names this tenant in the path: refused, nothing changed.
    const other = await institute();
    const path = `/api/v1/tenants/${salon.tenantId}`;
    const cross = await request(h.server).patch(path).set(CALLER_HEADER, callerHeader(other, 'tenant-data', 'PATCH', path)).send({ reminderLeadHours: 2 });
    expect([403, 404]).toContain(cross.status);
    expect((await api.get('')).body.reminderLeadHours).toBe(48);
  });

  it("confirms a booking with the institute's name and the Amsterdam time, and no treatment or notes", async () => {
    const api = as(h, await institute('Salon Zon'));
    const anna = (await api.post('/clients', { name: 'Anna', email: 'anna.booked@example.nl', reminderConsent: true })).body;
    const startsAt = '2030-06-14T08:30:00.000Z';
    const booked = await api.post('/appointments', { clientId: anna.id, startsAt, endsAt: '2030-06-14T09:30:00.000Z', treatment: 'Acnebehandeling', notes: 'gevoelige huid' });
    expect(booked.status).toBe(201);
    const [mail] = await mailsTo('anna.booked@example.nl');
    expect(mail?.subject).toBe('Bevestiging van je afspraak bij Salon Zon');
    expect(mail?.messageId).toMatch(/^<ntc_[A-Za-z0-9]+\.appointment-confirmation@homi>$/);
    const { text } = await mailCatcherClient(catcher.url).get(mail!.id);
    expect(text).toContain('14 juni 2030 om 10:30');
    expect(text).not.toMatch(/Acne|gevoelig|Anna/);
    expect(await mailsTo('anna.booked@example.nl')).toHaveLength(1);
  });

  it('withdraws the consent through the public link, not by looking, and then sends no queued reminder', async () => {
    const salon = await institute('Salon Maan');
    const api = as(h, salon);
    const anna = (await api.post('/clients', { name: 'Anna', email: 'anna.unsub@example.nl', reminderConsent: true })).body;
    const bram = (await api.post('/clients', { name: 'Bram', email: 'bram.stays@example.nl', reminderConsent: true })).body;
    await api.post('/appointments', { clientId: anna.id, startsAt: inHours(30), endsAt: inHours(31), treatment: 'Pedicure' });
    await api.post('/appointments', { clientId: bram.id, startsAt: inHours(32), endsAt: inHours(33), treatment: 'Pedicure' });
    const [confirmation] = await mailsTo('anna.unsub@example.nl');
    const code = await codeIn(confirmation!.id);
    const looked = await publicApi().lookUp(code);
    expect([looked.status, looked.body]).toEqual([200, { instituteName: 'Salon Maan', subscribed: true }]);
    expect((await api.get(`/clients/${anna.id}`)).body.reminderConsent.given).toBe(true);
    expect((await publicApi().unsubscribe(code)).status).toBe(204);
    const card = (await api.get(`/clients/${anna.id}`)).body;
    expect(card.reminderConsent.given).toBe(false);
    expect(Date.parse(card.reminderConsent.at)).toBeGreaterThan(Date.parse(anna.reminderConsent.at) - 1);
    expect((await publicApi().unsubscribe(code)).status).toBe(204);
    expect((await api.get(`/clients/${anna.id}`)).body.reminderConsent).toEqual(card.reminderConsent);
    // The reminders are due now (48 hours' lead for appointments 30 and 32 hours ahead): Bram's is sent, Anna's not.
    await api.patch('', { reminderLeadHours: 48 });
    expect((await mailsTo('bram.stays@example.nl')).map((m) => m.subject)).toContain('Herinnering: je afspraak bij Salon Maan');
    expect((await mailsTo('anna.unsub@example.nl')).map((m) => m.subject)).toEqual([confirmation!.subject]);
  });

  it('withdraws the consent by one-click (RFC 8058) at the URL of the mail\'s List-Unsubscribe header, and only so', async () => {
    const salon = await institute('Salon Ster');
    const api = as(h, salon);
    const anna = (await api.post('/clients', { name: 'Anna', email: 'anna.oneclick@example.nl', reminderConsent: true })).body;
    await api.post('/appointments', { clientId: anna.id, startsAt: inHours(30), endsAt: inHours(31), treatment: 'Pedicure' });
    const [confirmation] = await mailsTo('anna.oneclick@example.nl');
    const { headers } = await mailCatcherClient(catcher.url).get(confirmation!.id);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // One HTTPS URL, as the RFC asks, holding the same code as the footer's link to the page.
    const url = /^<(https:\/\/app\.homi\.test\/api\/v1\/reminder-unsubscribes\/[A-Za-z0-9_.~-]+)>$/.exec(headers['list-unsubscribe'] ?? '')?.[1];
    expect(url).toBe(`https://app.homi.test/api/v1/reminder-unsubscribes/${await codeIn(confirmation!.id)}`);
    const oneClick = (body: object, path = new URL(url!).pathname) => request(h.server).post(path).send(body);
    const consent = async () => (await api.get(`/clients/${anna.id}`)).body.reminderConsent.given;

    for (const body of [{}, { 'List-Unsubscribe': 'one-click' }, { 'List-Unsubscribe': 'One-Click', more: '1' }]) {
      const res = await oneClick(body);
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(/application\/problem\+json/)]);
    }
    const forged = `${salon.tenantId}.${anna.id}.${'A'.repeat(43)}`;
    expect((await oneClick({ 'List-Unsubscribe': 'One-Click' }, `/api/v1/reminder-unsubscribes/${forged}`)).body.type).toMatch(/unsubscribe-link-invalid/);
    expect(await consent()).toBe(true);
    expect((await oneClick({ 'List-Unsubscribe': 'One-Click' })).status).toBe(204);
    expect(await consent()).toBe(false);
    expect((await oneClick({ 'List-Unsubscribe': 'One-Click' })).status).toBe(204);
  });

  it('answers a malformed code 400 and a forged or stale one 404, as problems that change nothing', async () => {
    const api = as(h, await institute());
    const anna = (await api.post('/clients', { name: 'Anna', email: 'anna.forged@example.nl', reminderConsent: true })).body;
    for (const token of ['', 'short', 'a b c d e f g h i j k l', 42]) {
      const res = await publicApi().unsubscribe(token);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const forged = `${anna.id.replace('cli', 'ten')}.${anna.id}.${'A'.repeat(43)}`;
    for (const res of [await publicApi().unsubscribe(forged), await publicApi().lookUp(forged)]) {
      expect(res.status).toBe(404);
      expect(res.body.type).toMatch(/unsubscribe-link-invalid/);
    }
    expect((await api.get(`/clients/${anna.id}`)).body.reminderConsent.given).toBe(true);
  });
});
