import { client, startPlatformForFile, type Institute, type Platform } from './platform';

// Issue 15 item 4 through the public API (ADR 44): a member turns their my-data ticket into a privacy
// request about themselves in one step; the gateway asks the helpdesk and the privacy service with
// the member's own context, and every repeated call answers the same request.
let p: Platform;
startPlatformForFile((platform) => (p = platform));

type Api = ReturnType<typeof client>;
const tickets = (institute: Institute) => `/tenants/${institute.tenantId}/tickets`;

async function openTicket(member: Api, institute: Institute, category: string): Promise<string> {
  const opened = await member.post(tickets(institute), { subject: 'Mijn gegevens', category, message: 'Welke gegevens hebben jullie van mij?' });
  expect(opened.status).toBe(201);
  return (opened.body as { id: string }).id;
}

const requestsFromTicket = async (member: Api, ticketId: string) =>
  ((await member.get('/privacy/requests?limit=100')).body as { items: { id: string; ticketId: string | null }[] }).items.filter((r) => r.ticketId === ticketId);

describe('turning a my-data ticket into a privacy request', () => {
  let salon: Institute;
  let owner: Api;
  beforeAll(async () => {
    salon = await p.signup('Salon Mijn Gegevens');
    owner = client(p.gateway, salon.ownerToken);
  });

  it('makes an access request about the member, links the ticket to it and answers the same request on every repeat', async () => {
    const ticketId = await openTicket(owner, salon, 'my-data');
    const path = `${tickets(salon)}/${ticketId}/privacy-request`;

    const made = await owner.post(path, { type: 'access' });
    expect(made.status).toBe(201);
    const { privacyRequest } = made.body as { ticketId: string; privacyRequest: { id: string; status: string; dueAt: string } };
    expect(made.body).toMatchObject({ ticketId, privacyRequest: { id: expect.stringMatching(/^dsr_/), status: 'received' } });
    expect(made.headers.get('location')).toBe(`/api/v1/privacy/requests/${privacyRequest.id}`);

    const ticket = await owner.get(`${tickets(salon)}/${ticketId}`);
    expect(ticket.body).toMatchObject({ id: ticketId, privacyRequestId: privacyRequest.id });
    const request = await owner.get(`/privacy/requests/${privacyRequest.id}`);
    expect(request.status).toBe(200);
    expect(request.body).toMatchObject({ type: 'access', ticketId, subject: { kind: 'user', userId: salon.owner.id }, dueAt: privacyRequest.dueAt });

    // Again, and again with another type: the ticket became one request, and stays it.
    for (const type of ['access', 'erasure']) {
      const again = await owner.post(path, { type });
      expect(again.status).toBe(200);
      // The same request, as it stands now (its status moves on as the services answer).
      expect(again.body).toMatchObject({ ticketId, privacyRequest: { id: privacyRequest.id, dueAt: privacyRequest.dueAt } });
    }
    // Two at once still make one.
    const raced = await Promise.all([owner.post(path, { type: 'access' }), owner.post(path, { type: 'access' })]);
    expect(raced.map((r) => (r.body as { privacyRequest: { id: string } }).privacyRequest.id)).toEqual([privacyRequest.id, privacyRequest.id]);
    expect(await requestsFromTicket(owner, ticketId)).toHaveLength(1);
  });

  it('refuses a ticket of another category with a problem, and records nothing', async () => {
    const ticketId = await openTicket(owner, salon, 'question');
    const refused = await owner.post(`${tickets(salon)}/${ticketId}/privacy-request`, { type: 'access' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('not-a-my-data-ticket') });
    expect(await requestsFromTicket(owner, ticketId)).toEqual([]);
    expect((await owner.get(`${tickets(salon)}/${ticketId}`)).body).toMatchObject({ privacyRequestId: null });
  });

  it('finds another member\'s ticket 404, and lets even an owner who sees it not make a request about themselves from it', async () => {
    const colleague = client(p.gateway, await p.login(await p.addMember(salon, 'staff')));
    const other = client(p.gateway, await p.login(await p.addMember(salon, 'staff')));
    const ticketId = await openTicket(colleague, salon, 'my-data');
    const path = `${tickets(salon)}/${ticketId}/privacy-request`;

    const hidden = await other.post(path, { type: 'erasure' });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const notTheirs = await owner.post(path, { type: 'erasure' });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body).toMatchObject({ type: expect.stringContaining('ticket-opener-only') });
    expect(await requestsFromTicket(other, ticketId)).toEqual([]);
    expect(await requestsFromTicket(owner, ticketId)).toEqual([]);

    // Another institute's member finds nothing at all there.
    const elsewhere = await p.signup('Salon Elders');
    const stranger = client(p.gateway, elsewhere.ownerToken);
    expect((await stranger.post(path, { type: 'access' })).status).toBe(404);
  });

  it('takes a rectification with its corrections as the privacy service does, and refuses one without', async () => {
    const ticketId = await openTicket(owner, salon, 'my-data');
    const path = `${tickets(salon)}/${ticketId}/privacy-request`;
    expect((await owner.post(path, { type: 'rectification' })).status).toBe(400);
    expect((await owner.post(path, { type: 'access', subject: { kind: 'self' } })).status).toBe(400);
    const made = await owner.post(path, { type: 'rectification', corrections: { phone: '0611111111' } });
    expect(made.status).toBe(201);
    const id = (made.body as { privacyRequest: { id: string } }).privacyRequest.id;
    expect((await owner.get(`/privacy/requests/${id}`)).body).toMatchObject({ type: 'rectification', ticketId });
  });

  it('refuses a closed ticket that never became a request', async () => {
    const ticketId = await openTicket(owner, salon, 'my-data');
    expect((await owner.post(`${tickets(salon)}/${ticketId}/close`)).status).toBe(200);
    const refused = await owner.post(`${tickets(salon)}/${ticketId}/privacy-request`, { type: 'access' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('ticket-closed') });
    expect(await requestsFromTicket(owner, ticketId)).toEqual([]);
  });
});
