import { inMemoryDeps } from './in-memory';
import { closeTicket, getTicket, listTickets, openTicket, replyAsMember, type Member } from './tickets';
import { listSupportTickets, replyAsSupport, updateSupportTicket } from './support-tickets';
import { eraseUser, exportUser } from './subject-data';

const TENANT = 'ten_aaaaaaaaaa';
const OTHER = 'ten_bbbbbbbbbb';
const owner: Member = { userId: 'usr_owner00001', tenantId: TENANT, role: 'owner' };
const staff: Member = { userId: 'usr_staff00001', tenantId: TENANT, role: 'staff' };
const colleague: Member = { userId: 'usr_staff00002', tenantId: TENANT, role: 'staff' };
const SUPPORT = 'usr_support0001';
const question = { subject: 'Agenda laadt niet', category: 'problem' as const, message: 'Sinds vanochtend blijft de agenda leeg.' };
const query = { limit: 25 };

describe('tickets (unit)', () => {
  it('lets a member open a ticket, announces it, and learns the institute name once', async () => {
    let asked = 0;
    const { deps, repositories, published } = inMemoryDeps({ institutes: { nameOf: async () => { asked += 1; return 'Salon Zon'; } } });
    const { ticket, messages } = await openTicket(deps, staff, question);
    await openTicket(deps, staff, question);
    expect(ticket).toMatchObject({ status: 'open', openedBy: staff.userId, subject: question.subject });
    expect(messages.map((m) => [m.from, m.body])).toEqual([['institute', question.message]]);
    expect(published.map((e) => e.subject)).toEqual(['helpdesk.ticket.opened.v1', 'helpdesk.ticket.opened.v1']);
    expect((await repositories.institutes.get(TENANT))?.name).toBe('Salon Zon');
    expect(asked).toBe(1);
  });

  it('still opens a ticket when identity cannot say the name', async () => {
    const { deps, repositories } = inMemoryDeps({ institutes: { nameOf: async () => { throw new Error('down'); } } });
    await openTicket(deps, staff, question);
    expect(await repositories.institutes.get(TENANT)).toBeNull();
    expect((await listTickets(deps, owner, query)).items).toHaveLength(1);
  });

  it('shows owners every ticket of the institute and other members only their own', async () => {
    const { deps } = inMemoryDeps();
    const mine = (await openTicket(deps, staff, question)).ticket;
    const theirs = (await openTicket(deps, colleague, question)).ticket;
    expect((await listTickets(deps, owner, query)).items.map((t) => t.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await listTickets(deps, staff, query)).items.map((t) => t.id)).toEqual([mine.id]);
    await expect(getTicket(deps, staff, theirs.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(replyAsMember(deps, staff, theirs.id, 'hallo')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getTicket(deps, { ...owner, tenantId: OTHER }, mine.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('pages newest first with a cursor', async () => {
    const { deps, clock } = inMemoryDeps();
    for (let i = 0; i < 3; i++) {
      clock.now = new Date(clock.now.getTime() + 60_000);
      await openTicket(deps, staff, { ...question, subject: `Vraag ${i}` });
    }
    const first = await listTickets(deps, owner, { limit: 2 });
    expect(first.items.map((t) => t.subject)).toEqual(['Vraag 2', 'Vraag 1']);
    const second = await listTickets(deps, owner, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((t) => t.subject)).toEqual(['Vraag 0']);
    expect(second.nextCursor).toBeNull();
    await expect(listTickets(deps, owner, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ type: 'invalid-cursor' });
  });

  it('reopens a ticket waiting for the customer when the customer answers, and refuses replies once closed', async () => {
    const { deps, published } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'Welke browser gebruik je?');
    await updateSupportTicket(deps, SUPPORT, ticket.id, { status: 'waiting-for-customer' });
    await replyAsMember(deps, staff, ticket.id, 'Firefox');
    expect(ticket.status).toBe('open');
    const closed = await closeTicket(deps, staff, ticket.id);
    expect(closed.closedAt).toEqual(deps.clock());
    await expect(replyAsMember(deps, staff, ticket.id, 'nog iets')).rejects.toMatchObject({ kind: 'conflict', type: 'ticket-closed' });
    await expect(replyAsSupport(deps, SUPPORT, ticket.id, 'nog iets')).rejects.toMatchObject({ type: 'ticket-closed' });
    await closeTicket(deps, staff, ticket.id);
    const statuses = published.filter((e) => e.subject === 'helpdesk.ticket.status-changed.v1').map((e) => (e.data as { status: string }).status);
    expect(statuses).toEqual(['waiting-for-customer', 'open', 'closed']);
  });

  it('lets support assign only themselves and filter by assignee, status and institute', async () => {
    const { deps } = inMemoryDeps();
    const a = (await openTicket(deps, staff, question)).ticket;
    const b = (await openTicket(deps, { ...owner, tenantId: OTHER }, question)).ticket;
    await expect(updateSupportTicket(deps, SUPPORT, a.id, { assigneeId: 'usr_someoneelse' })).rejects.toMatchObject({ type: 'assign-yourself-only' });
    await updateSupportTicket(deps, SUPPORT, a.id, { assigneeId: SUPPORT, status: 'solved' });
    const ids = async (q: Parameters<typeof listSupportTickets>[2]) => (await listSupportTickets(deps, SUPPORT, q)).items.map((v) => v.ticket.id);
    expect(await ids({ ...query, assignee: 'me' })).toEqual([a.id]);
    expect(await ids({ ...query, assignee: 'none' })).toEqual([b.id]);
    expect(await ids({ ...query, status: ['solved'] })).toEqual([a.id]);
    expect(await ids({ ...query, institute: OTHER })).toEqual([b.id]);
    expect((await ids(query)).sort()).toEqual([a.id, b.id].sort());
  });

  it('erases what a user wrote and keeps support\'s replies; a second run changes nothing', async () => {
    const { deps, repositories } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'We kijken ernaar.');
    await replyAsMember(deps, staff, ticket.id, 'Dank je, Maria');
    expect((await exportUser(repositories, staff.userId)).map((r) => r.category)).toEqual(['tickets', 'ticket-messages', 'ticket-messages']);
    expect(await eraseUser(repositories, staff.userId, deps.clock())).toEqual([
      { category: 'ticket-messages', records: 2, action: 'erased' },
      { category: 'tickets', records: 1, action: 'anonymised' },
    ]);
    expect((await eraseUser(repositories, staff.userId, deps.clock())).map((r) => r.records)).toEqual([0, 0]);
    const { messages } = await getTicket(deps, owner, ticket.id);
    expect(messages.map((m) => [m.from, m.body, m.authorId])).toEqual([
      ['institute', null, null], ['support', 'We kijken ernaar.', SUPPORT], ['institute', null, null],
    ]);
    expect(ticket).toMatchObject({ subject: null, openedBy: null });
    expect(await exportUser(repositories, staff.userId)).toEqual([]);
  });
});
