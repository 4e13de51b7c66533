import request from 'supertest';
import { fullPermissions, noPermissions } from '@homi/contracts';
import { generateServiceKey, newId, parseSigningKey, signCaller, CALLER_HEADER } from '@homi/service-kit';
import { startedAroundAll } from '@homi/testing';
import { asMember, asSupport, callerHeader, member, startHelpdesk, type Harness } from './harness';

// Tickets over real HTTP against the helpdesk's own Postgres database and NATS: the institute's side,
// support's side, who sees what, and what bad input is answered with.
let h: Harness;
startedAroundAll(startHelpdesk, (started) => (h = started));

const question = { subject: 'Facturen komen niet aan', category: 'invoicing', message: 'Klanten zeggen dat ze geen factuur kregen.' };
const problemType = (res: request.Response) => String(res.body.type).split('/').pop();

describe('an institute and its tickets', () => {
  it('opens, lists, replies and closes a ticket; Location names it', async () => {
    const tenantId = newId('ten');
    h.identity.names.set(tenantId, 'Salon De Zon');
    const staff = asMember(h, member(tenantId));
    const opened = await staff.post('', question);
    expect(opened.status).toBe(201);
    expect(opened.headers.location).toBe(`/api/v1/tenants/${tenantId}/tickets/${opened.body.id}`);
    expect(opened.body).toMatchObject({ subject: question.subject, category: 'invoicing', status: 'open', closedAt: null });
    expect(opened.body.messages).toEqual([expect.objectContaining({ from: 'institute', body: question.message })]);
    expect(h.identity.asked).toContain(`helpdesk:${tenantId}`);

    const reply = await staff.post(`/${opened.body.id}/messages`, { message: 'Het gaat om factuur 2026-014.' });
    expect(reply.status).toBe(201);
    expect((await staff.get()).body.items.map((t: { id: string }) => t.id)).toEqual([opened.body.id]);
    const closed = await staff.post(`/${opened.body.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const late = await staff.post(`/${opened.body.id}/messages`, { message: 'Nog één ding' });
    expect([late.status, problemType(late)]).toEqual([409, 'ticket-closed']);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
    const read = await staff.get(`/${opened.body.id}`);
    expect(read.body.messages.map((m: { body: string }) => m.body)).toEqual([question.message, 'Het gaat om factuur 2026-014.']);
  });

  it('shows owners and admins every ticket, other members only their own', async () => {
    const tenantId = newId('ten');
    const owner = asMember(h, member(tenantId, 'owner'));
    const admin = asMember(h, member(tenantId, 'admin'));
    const staff = asMember(h, member(tenantId));
    const colleague = asMember(h, member(tenantId));
    const mine = (await staff.post('', question)).body.id as string;
    const theirs = (await colleague.post('', { ...question, subject: 'Andere vraag' })).body.id as string;
    const ids = async (client: typeof owner) => (await client.get()).body.items.map((t: { id: string }) => t.id).sort();
    expect(await ids(owner)).toEqual([mine, theirs].sort());
    expect(await ids(admin)).toEqual([mine, theirs].sort());
    expect(await ids(staff)).toEqual([mine]);
    for (const res of [await staff.get(`/${theirs}`), await staff.post(`/${theirs}/messages`, { message: 'x' }), await staff.post(`/${theirs}/close`)]) {
      expect(res.status).toBe(404);
    }
    expect((await owner.post(`/${theirs}/messages`, { message: 'Ik kijk even mee.' })).status).toBe(201);
  });

  it('answers 404 for another institute\'s ticket, and for a tenant the caller context is not for', async () => {
    const a = asMember(h, member(newId('ten'), 'owner'));
    const otherOwner = member(newId('ten'), 'owner');
    const b = asMember(h, otherOwner);
    const ticketId = (await a.post('', question)).body.id as string;
    for (const res of [await b.get(`/${ticketId}`), await b.post(`/${ticketId}/messages`, { message: 'x' }), await b.post(`/${ticketId}/close`)]) {
      expect(res.status).toBe(404);
    }
    expect((await b.get()).body.items).toEqual([]);
    // b's valid caller context, sent to a's path: the tenant is not b's.
    const crossedPath = `/api/v1/tenants/${a.tenantId}/tickets`;
    const header = callerHeader({ userId: otherOwner.userId, tenantId: otherOwner.tenantId, role: 'owner', permissions: fullPermissions() }, 'GET', crossedPath);
    const crossed = await request(h.server).get(crossedPath).set(CALLER_HEADER, header);
    expect(crossed.status).toBe(404);
  });

  it('answers hostile and malformed input with 4xx problem+json', async () => {
    const tenantId = newId('ten');
    const staff = asMember(h, member(tenantId));
    const ticketId = (await staff.post('', question)).body.id as string;
    const bad = [
      await staff.post('', {}),
      await staff.post('', { ...question, category: 'complaint' }),
      await staff.post('', { ...question, subject: '   ' }),
      await staff.post('', { ...question, subject: 'x'.repeat(201) }),
      await staff.post('', { ...question, message: 'a\u0000b' }),
      await staff.post('', { ...question, extra: true }),
      await staff.post('', { ...question, subject: { $ne: '' } }),
      await staff.post('', [question]),
      await staff.post(`/${ticketId}/messages`, { message: 'x'.repeat(10_001) }),
      await staff.post(`/${ticketId}/messages`, {}),
      await staff.get('?status=deleted'),
      await staff.get('?limit=0'),
      await staff.get('?cursor=not-a-cursor-we-gave'),
      await staff.get('?status=open&status=closed'),
    ];
    for (const res of bad) {
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(/application\/problem\+json/)]);
    }
    const notFound = [await staff.get('/tkt_'), await staff.get("/tkt_1' or '1'='1"), await staff.get(`/${newId('tkt')}`), await staff.get('/../../support/tickets')];
    for (const res of notFound) expect(res.status).toBe(404);
    const unsigned = await request(h.server).get(`/api/v1/tenants/${tenantId}/tickets`);
    expect(unsigned.status).toBe(401);
    // Signed as the gateway, with a key that is not the gateway's.
    const impostor = { service: 'gateway', signing: parseSigningKey(JSON.stringify(generateServiceKey('gateway-dev').privateJwk)) };
    const listPath = `/api/v1/tenants/${tenantId}/tickets`;
    const forged = await request(h.server).get(listPath).set(CALLER_HEADER, signCaller({ userId: 'usr_x', tenantId, role: 'owner' }, impostor, { audience: 'helpdesk', method: 'GET', path: listPath }));
    expect(forged.status).toBe(401);
    const huge = await staff.post('', { ...question, message: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
  });

  it('refuses a support user working under a grant on the institute\'s side', async () => {
    const tenantId = newId('ten');
    const path = `/api/v1/tenants/${tenantId}/tickets`;
    const header = callerHeader({ userId: newId('usr'), realmRoles: ['support'], tenantId, role: 'staff', permissions: noPermissions(), support: { requestId: newId('sar') } }, 'POST', path);
    const res = await request(h.server).post(path).set(CALLER_HEADER, header).send(question);
    expect([res.status, problemType(res)]).toEqual([403, 'support-access-not-for-tickets']);
  });
});

describe('HOMi support and the tickets of every institute', () => {
  it('lists tickets across institutes with the institute\'s name only, replies, takes a ticket and sets its status', async () => {
    const tenantA = newId('ten');
    const tenantB = newId('ten');
    h.identity.names.set(tenantA, 'Praktijk Noord');
    h.identity.names.set(tenantB, 'Kapsalon Zuid');
    const a = asMember(h, member(tenantA));
    const b = asMember(h, member(tenantB));
    const ticketA = (await a.post('', question)).body.id as string;
    const ticketB = (await b.post('', { ...question, category: 'my-data', subject: 'Mijn gegevens' })).body.id as string;
    const support = asSupport(h);

    const listed = await support.get(`?institute=${tenantA}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: ticketA, subject: question.subject, category: 'invoicing', status: 'open', assigneeId: null,
        institute: { tenantId: tenantA, name: 'Praktijk Noord' }, createdAt: expect.any(String), updatedAt: expect.any(String), closedAt: null,
      },
    ]);
    const all = (await support.get('?limit=100')).body.items.map((t: { id: string }) => t.id);
    expect(all).toEqual(expect.arrayContaining([ticketA, ticketB]));

    const answer = await support.post(`/${ticketB}/messages`, { message: 'Welke gegevens wil je inzien?' });
    expect(answer.status).toBe(201);
    const taken = await support.patch(`/${ticketB}`, { assigneeId: support.userId, status: 'waiting-for-customer' });
    expect(taken.body).toMatchObject({ assigneeId: support.userId, status: 'waiting-for-customer', institute: { name: 'Kapsalon Zuid' } });
    expect((await support.get('?assignee=me')).body.items.map((t: { id: string }) => t.id)).toEqual([ticketB]);
    expect((await support.get(`?status=waiting-for-customer&institute=${tenantB}`)).body.items.map((t: { id: string }) => t.id)).toEqual([ticketB]);

    const seen = await support.get(`/${ticketB}`);
    expect(seen.body.messages.map((m: { from: string; authorId: string | null }) => [m.from, m.authorId])).toEqual([
      ['institute', null], ['support', support.userId],
    ]);
    // The institute sees support's reply, without which support user wrote it; its answer reopens the ticket.
    const atInstitute = await b.get(`/${ticketB}`);
    expect(atInstitute.body.messages.at(-1)).toMatchObject({ from: 'support', authorId: null, body: 'Welke gegevens wil je inzien?' });
    await b.post(`/${ticketB}/messages`, { message: 'Alles graag.' });
    expect((await support.get(`/${ticketB}`)).body.status).toBe('open');

    const solved = await support.patch(`/${ticketB}`, { status: 'closed' });
    expect(solved.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });

  it('refuses callers without the support role, assigning someone else, and bad input', async () => {
    const a = asMember(h, member(newId('ten')));
    const ticketId = (await a.post('', question)).body.id as string;
    const notSupport = asSupport(h, newId('usr'), ['operator']);
    for (const res of [await notSupport.get(), await notSupport.get(`/${ticketId}`), await notSupport.post(`/${ticketId}/messages`, { message: 'x' })]) {
      expect([res.status, problemType(res)]).toEqual([403, 'realm-role-required']);
    }
    const support = asSupport(h);
    const other = await support.patch(`/${ticketId}`, { assigneeId: newId('usr') });
    expect([other.status, problemType(other)]).toEqual([403, 'assign-yourself-only']);
    const bad = [
      await support.patch(`/${ticketId}`, {}),
      await support.patch(`/${ticketId}`, { status: 'deleted' }),
      await support.patch(`/${ticketId}`, { assigneeId: 'robert; drop table tickets' }),
      await support.get('?institute=not-a-tenant'),
      await support.get('?assignee=someone'),
      await support.get('?status='),
    ];
    for (const res of bad) expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(/problem\+json/)]);
    expect((await support.get(`/${newId('tkt')}`)).status).toBe(404);
    expect((await support.patch(`/${newId('tkt')}`, { status: 'open' })).status).toBe(404);
  });
});
