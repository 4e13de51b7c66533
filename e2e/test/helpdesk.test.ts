import { client, eventually, startPlatformForFile, SUPPORT_MAILBOX, type Platform } from './platform';
import { openTicket } from './tickets';

// Issue 15's journey through the public API (ADR 43): a staff member asks HOMi for help, support's
// reply reaches their mailbox (subject and link only), support asks for access citing the ticket, the
// owner approves seeing the ticket's subject, the ticket is closed, and the grant has ended.
let p: Platform;
startPlatformForFile((started) => (p = started));

const type = (res: { body: unknown }) => String((res.body as { type?: string } | undefined)?.type ?? '').split('/').pop();
const SUBJECT = 'Agenda toont de verkeerde week';
const REPLY = 'Kunt u de pagina verversen? Groet, Piet van HOMi';

describe('the helpdesk and support access that cites a ticket', () => {
  it('ticket → support replies, the mail arrives → support asks citing it → owner approves → ticket closed → the grant has ended', async () => {
    const salon = await p.signup('Salon Helpdesk');
    const staff = await p.addMember(salon, 'staff');
    const asStaff = client(p.gateway, await p.login(staff));
    const owner = client(p.gateway, salon.ownerToken);
    const agent = await p.supportUser();
    const support = client(p.gateway, await p.loginWithMfa(agent));

    // A staff member opens a ticket.
    const opened = await asStaff.post(`/tenants/${salon.tenantId}/tickets`, { subject: SUBJECT, category: 'problem', message: 'Sinds vanochtend klopt de week niet.' });
    expect(opened.status).toBe(201);
    const ticketId = opened.body.id as string;

    // Support replies; the staff member's mailbox gets a notice: the subject and a link, not the reply.
    const since = Date.now();
    expect((await support.post(`/support/tickets/${ticketId}/messages`, { message: REPLY })).status).toBe(201);
    const mail = await p.mail.waitFor({ to: staff.email, since, subject: /HOMi-helpdesk/, timeoutMs: 20_000 });
    expect(mail.text).toContain(SUBJECT);
    expect(mail.text).toContain(`/t/${salon.tenantId}/help/${ticketId}`);
    expect(`${mail.text}${mail.html ?? ''}`).not.toContain('verversen');
    expect((await p.mail.list(staff.email)).filter((m) => Date.parse(m.receivedAt) >= since)).toHaveLength(1);

    // The staff member answers; support's shared mailbox hears of it (nobody took the ticket).
    const answered = Date.now();
    expect((await asStaff.post(`/tenants/${salon.tenantId}/tickets/${ticketId}/messages`, { message: 'Nee, nog steeds fout.' })).status).toBe(201);
    const toSupport = await p.mail.waitFor({ to: SUPPORT_MAILBOX, since: answered, timeoutMs: 20_000 });
    expect(toSupport.text).toContain(`/support/tickets/${ticketId}`);
    expect(toSupport.text).not.toContain('nog steeds fout');

    // No access yet; support asks, citing the ticket.
    expect((await support.get(`/tenants/${salon.tenantId}/appointments`)).status).toBe(403);
    const asked = await support.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'customer_initiated', ticketId, modules: ['agenda'], durationMinutes: 60,
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', ticketId, ticketSubject: SUBJECT });

    // The owner sees the ticket's subject in the list and the approval, and approves.
    const listed = await owner.get(`/tenants/${salon.tenantId}/support-access`);
    expect(listed.body.items.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ ticketId, ticketSubject: SUBJECT });
    const approved = await owner.post(`/tenants/${salon.tenantId}/support-access/${asked.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', ticketSubject: SUBJECT });
    await eventually(async () => (await support.get(`/tenants/${salon.tenantId}/appointments`)).status === 200, 'the grant reaching the gateway');

    // The staff member closes the ticket: the grant citing it ends, and support is refused again.
    const closed = await asStaff.post(`/tenants/${salon.tenantId}/tickets/${ticketId}/close`);
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const refused = await eventually(async () => {
      const res = await support.get(`/tenants/${salon.tenantId}/appointments`);
      return res.status === 403 || res.status === 404 ? res : undefined;
    }, 'the grant ending at the gateway');
    expect(type(refused)).toBe('support-access-grant-required');
    const after = await owner.get(`/tenants/${salon.tenantId}/support-access`);
    expect(after.body.items.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    const log = (await owner.get(`/tenants/${salon.tenantId}/audit-log?limit=100`)).body.items as { action: string; details: Record<string, unknown> }[];
    expect(log.find((e) => e.action === 'support-access.ended' && e.details.requestId === asked.body.id)?.details).toMatchObject({ ticketId, cause: 'ticket-closed' });

    // Nor can a closed ticket be cited again.
    const again = await support.post('/support/access-requests', { tenantId: salon.tenantId, reason: 'customer_initiated', ticketId, modules: ['agenda'], durationMinutes: 60 });
    expect([again.status, type(again)]).toEqual([422, 'ticket-required']);
  }, 120_000);

  it('refuses a request without a ticket, with a closed one, or with another institute\'s: 422 ticket-required, nothing recorded', async () => {
    const salon = await p.signup('Salon Zonder Ticket');
    const other = await p.signup('Salon Ander');
    const owner = client(p.gateway, salon.ownerToken);
    const support = client(p.gateway, await p.loginWithMfa(await p.supportUser()));
    const closed = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken });
    expect((await owner.post(`/tenants/${salon.tenantId}/tickets/${closed}/close`)).status).toBe(200);
    const elsewhere = await openTicket(p.gateway, { tenantId: other.tenantId, token: other.ownerToken });
    const before = (await owner.get(`/tenants/${salon.tenantId}/support-access`)).body;
    const logBefore = (await owner.get(`/tenants/${salon.tenantId}/audit-log?limit=100`)).body.items.length as number;

    const base = { tenantId: salon.tenantId, reason: 'incident', modules: ['clients'], durationMinutes: 30 };
    for (const body of [base, { ...base, ticketId: closed }, { ...base, ticketId: elsewhere }]) {
      const res = await support.post('/support/access-requests', body);
      expect([res.status, type(res)]).toEqual([422, 'ticket-required']);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await owner.get(`/tenants/${salon.tenantId}/support-access`)).body).toEqual(before);
    expect(before.items).toEqual([]);
    expect((await owner.get(`/tenants/${salon.tenantId}/audit-log?limit=100`)).body.items.length).toBe(logBefore);
    expect((await support.get('/support/access-requests')).body.items).toEqual([]);
  }, 60_000);

  it("shows support an institute's new name after its owner renames it (tenant-data → identity → helpdesk, ADR 74)", async () => {
    const salon = await p.signup('Salon Voorheen');
    const owner = client(p.gateway, salon.ownerToken);
    const support = client(p.gateway, await p.loginWithMfa(await p.supportUser()));
    expect((await owner.post(`/tenants/${salon.tenantId}/tickets`, { subject: SUBJECT, category: 'problem', message: 'De week klopt niet.' })).status).toBe(201);
    const shownName = async () => ((await support.get(`/support/tickets?institute=${salon.tenantId}`)).body.items as { institute: { name: string } }[])[0]?.institute.name;
    expect(await shownName()).toBe('Salon Voorheen');

    expect((await owner.patch(`/tenants/${salon.tenantId}`, { name: 'Salon Tegenwoordig' })).status).toBe(200);
    await eventually(async () => (await shownName()) === 'Salon Tegenwoordig', "support's desk showing the new name", 20_000);
  }, 60_000);
});
