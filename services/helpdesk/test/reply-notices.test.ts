import request from 'supertest';
import { helpdeskApi } from '@homi/contracts';
import { devServiceKeys, newId, SERVICE_HEADER, signService } from '@homi/service-kit';
import { asMember, asSupport, member, startHelpdesk, SUPPORT_MAILBOX, type Harness } from './harness';

// Reply notices over real SMTP (the development catcher) and the helpdesk's own Postgres (ADR 43),
// and the internal route identity checks a cited ticket with.
let h: Harness;
beforeAll(async () => {
  h = await startHelpdesk();
});
afterAll(() => h?.stop());

const question = { subject: 'Agenda blijft leeg', category: 'problem', message: 'Sinds vanochtend zie ik geen afspraken meer.' };

describe('reply notices', () => {
  it('mails the member once when support replies: Dutch by default, the subject and a link, never the reply', async () => {
    const staff = member(newId('ten'));
    h.identity.addresses.set(staff.userId, 'anna@salon.test');
    const ticket = (await asMember(h, staff).post('', question)).body as { id: string };
    const support = asSupport(h);
    const since = Date.now();
    expect((await support.post(`/${ticket.id}/messages`, { message: 'Wilt u de pagina verversen? Groet, Piet' })).status).toBe(201);

    const mail = await h.mail.waitFor({ to: 'anna@salon.test', since });
    expect(mail.subject).toBe('Nieuw antwoord van de HOMi-helpdesk');
    expect(mail.text).toContain('Agenda blijft leeg');
    expect(mail.text).toContain(`https://web.test/t/${staff.tenantId}/help/${ticket.id}`);
    expect(mail.text).not.toContain('verversen');
    expect(mail.html ?? '').not.toContain('verversen');
    // The job's further turns send nothing more for this reply.
    await h.service.notices.runOnce();
    expect((await h.mail.list('anna@salon.test')).filter((m) => Date.parse(m.receivedAt) >= since)).toHaveLength(1);
  });

  it('writes in English to a member whose browser asked for it', async () => {
    const staff = member(newId('ten'));
    h.identity.addresses.set(staff.userId, 'eve@salon.test');
    const opened = await asMember(h, staff).post('', question).set('accept-language', 'en-GB,en;q=0.9');
    expect(opened.status).toBe(201);
    await asSupport(h).post(`/${opened.body.id}/messages`, { message: 'Please reload.' });
    const mail = await h.mail.waitFor({ to: 'eve@salon.test' });
    expect(mail.subject).toBe('New reply from HOMi support');
  });

  it('mails the support mailbox when the institute replies on a ticket nobody took', async () => {
    const staff = member(newId('ten'));
    const ticket = (await asMember(h, staff).post('', question)).body as { id: string };
    const since = Date.now();
    await asMember(h, staff).post(`/${ticket.id}/messages`, { message: 'Nog steeds leeg.' });
    const mail = await h.mail.waitFor({ to: SUPPORT_MAILBOX, since, subject: /helpdeskvraag/ });
    expect(mail.text).toContain(`https://web.test/support/tickets/${ticket.id}`);
    expect(mail.text).not.toContain('Nog steeds leeg');
  });
});

describe('GET /internal/v1/tickets/:ticketId (identity checks a cited ticket, ADR 43)', () => {
  const path = helpdeskApi.helpdeskInternalPaths.ticket;
  const ask = (service: string, ticketId: string) =>
    request(h.server).get(path(ticketId)).set(SERVICE_HEADER, signService(devServiceKeys(service), { audience: 'helpdesk', method: 'GET', path: path(ticketId) }));

  it('tells identity whose ticket it is, its status and subject — no conversation — and nobody else', async () => {
    const staff = member(newId('ten'));
    const ticket = (await asMember(h, staff).post('', question)).body as { id: string };
    const res = await ask('identity', ticket.id);
    expect([res.status, res.headers['cache-control']]).toEqual([200, 'no-store']);
    expect(res.body).toEqual({ id: ticket.id, tenantId: staff.tenantId, status: 'open', subject: question.subject });
    await asMember(h, staff).post(`/${ticket.id}/close`);
    expect((await ask('identity', ticket.id)).body.status).toBe('closed');
    for (const service of ['gateway', 'tenant-data', 'privacy']) expect((await ask(service, ticket.id)).status).toBe(403);
    expect((await request(h.server).get(path(ticket.id))).status).toBe(401);
  });

  it('answers 404 for an unknown or malformed ticket id', async () => {
    expect((await ask('identity', newId('tkt'))).status).toBe(404);
    expect((await ask('identity', 'not-a-ticket')).status).toBe(404);
  });
});
