import { randomBytes } from 'node:crypto';
import { unzip } from '@homi/testing';
import { searchDatabases, searchStreams } from './forensics';
import { client, completedRequest, eventually, startPlatformForFile, type Platform } from './platform';

// Issue 15's third "Must show" (ADR 41): the helpdesk as a data owner, checked as an auditor would.
// A member's access package holds the tickets they opened and the messages they wrote; once their
// account is deleted, no text they wrote remains in any database or retained stream message, and
// support's replies on their ticket remain for the institute.
let p: Platform;
startPlatformForFile((started) => (p = started));

type Message = { from: string; body: string | null };

describe('the helpdesk as a data owner, end to end', () => {
  it("exports a member's tickets and messages, then erases every word they wrote and keeps support's replies", async () => {
    const marker = randomBytes(6).toString('hex');
    const written = { subject: `Rooster klopt niet ${marker}`, first: `Eerste bericht ${marker}`, second: `Tweede bericht ${marker}` };
    const reply = `Antwoord van support ${marker}`;
    const salon = await p.signup('Salon Vergetelheid');
    const staffPerson = await p.addMember(salon, 'staff');
    const staffToken = await p.login(staffPerson);
    const staff = client(p.gateway, staffToken);
    const owner = client(p.gateway, salon.ownerToken);
    const support = client(p.gateway, await p.loginWithMfa(await p.supportUser()));
    const tickets = `/tenants/${salon.tenantId}/tickets`;

    const opened = await staff.post(tickets, { subject: written.subject, category: 'question', message: written.first });
    expect(opened.status).toBe(201);
    const ticketId = opened.body.id as string;
    expect((await support.post(`/support/tickets/${ticketId}/messages`, { message: reply })).status).toBe(201);
    expect((await staff.post(`${tickets}/${ticketId}/messages`, { message: written.second })).status).toBe(201);

    // The member's access package: the ticket they opened and both messages they wrote, not support's reply.
    const access = await staff.post('/privacy/requests', { type: 'access', subject: { kind: 'self' } });
    expect(access.status).toBe(202);
    const done = await completedRequest(staff, access.body.id, 60_000);
    expect(done.owners.map((o: { owner: string }) => o.owner)).toEqual(expect.arrayContaining(['helpdesk']));
    const zip = await fetch(`${p.gateway}/api/v1/privacy/requests/${access.body.id}/export`, { headers: { authorization: `Bearer ${staffToken}` } });
    expect(zip.status).toBe(200);
    const files = unzip(Buffer.from(await zip.arrayBuffer()));
    const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null');
    expect(json('helpdesk/tickets.json')).toEqual([expect.objectContaining({ id: ticketId, subject: written.subject, category: 'question' })]);
    expect(json('helpdesk/ticket-messages.json').map((m: Message) => m.body).sort()).toEqual([written.first, written.second]);

    // The member deletes their account: the erasure runs across every owner.
    const deleted = await staff.delete('/me');
    expect(deleted.status).toBe(202);
    const erased = await completedRequest(staff, deleted.body.erasureRequestId, 60_000);
    expect(erased.report).toEqual(expect.arrayContaining([
      expect.objectContaining({ category: 'ticket-messages', action: 'erased', records: 2 }),
      expect.objectContaining({ category: 'tickets', action: 'anonymised', records: 1 }),
    ]));

    // The package went with the account.
    expect((await fetch(`${p.gateway}/api/v1/privacy/requests/${access.body.id}/export`, { headers: { authorization: `Bearer ${staffToken}` } })).status).toBe(410);

    // The institute keeps the ticket with support's reply; what the member wrote is gone.
    const kept = await eventually(async () => {
      const res = await owner.get(`${tickets}/${ticketId}`);
      return res.status === 200 && res.body;
    }, 'the ticket to be readable by the owner');
    const bodies = (kept.messages as Message[]).map((m) => [m.from, m.body]);
    expect(bodies).toContainEqual(['support', reply]);
    for (const text of Object.values(written)) expect(JSON.stringify(kept)).not.toContain(text);

    const needles = [written.subject, written.first, written.second];
    expect(await searchDatabases(p.databases, needles)).toEqual([]);
    expect(await searchStreams(p.natsUrl, needles)).toEqual([]);
    // Support's reply is still stored, as the declaration says.
    expect(await searchDatabases({ helpdesk: p.databases.helpdesk }, [reply])).toEqual([`helpdesk.ticket_messages.body holds ${reply}`]);
  }, 150_000);
});
