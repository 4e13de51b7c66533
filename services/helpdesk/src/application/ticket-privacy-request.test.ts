import { inMemoryDeps } from './in-memory';
import { linkPrivacyRequest, privacyRequestOfTicket } from './ticket-privacy-request';
import { closeTicket, openTicket, type Member } from './tickets';

const TENANT = 'ten_aaaaaaaaaa';
const owner: Member = { userId: 'usr_owner00001', tenantId: TENANT, role: 'owner' };
const staff: Member = { userId: 'usr_staff00001', tenantId: TENANT, role: 'staff' };
const colleague: Member = { userId: 'usr_staff00002', tenantId: TENANT, role: 'staff' };
const myData = { subject: 'Mijn gegevens', category: 'my-data' as const, message: 'Welke gegevens hebben jullie van mij?' };
const REQUEST = 'dsr_0000000000000001';

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (err: { kind: string; type?: string }) => [err.kind, err.type]);

// ADR 44: what the helpdesk decides when a ticket becomes a privacy request.
describe('a my-data ticket turned into a privacy request (unit)', () => {
  it('lets the member who opened it link it once; the same link again changes nothing, another one is refused', async () => {
    const { deps } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, myData);
    expect(await privacyRequestOfTicket(deps, staff, ticket.id)).toBeNull();
    expect((await linkPrivacyRequest(deps, staff, ticket.id, REQUEST)).privacyRequestId).toBe(REQUEST);
    expect((await linkPrivacyRequest(deps, staff, ticket.id, REQUEST)).privacyRequestId).toBe(REQUEST);
    expect(await privacyRequestOfTicket(deps, staff, ticket.id)).toBe(REQUEST);
    expect(await refusal(linkPrivacyRequest(deps, staff, ticket.id, 'dsr_0000000000000002'))).toEqual(['conflict', 'ticket-has-privacy-request']);
  });

  it('refuses another category, another member (hidden, or visible to an owner) and a closed ticket not linked yet', async () => {
    const { deps } = inMemoryDeps();
    const question = (await openTicket(deps, staff, { ...myData, category: 'question' })).ticket;
    expect(await refusal(privacyRequestOfTicket(deps, staff, question.id))).toEqual(['conflict', 'not-a-my-data-ticket']);
    const theirs = (await openTicket(deps, staff, myData)).ticket;
    expect((await refusal(privacyRequestOfTicket(deps, colleague, theirs.id)))?.[0]).toBe('not_found');
    expect(await refusal(linkPrivacyRequest(deps, owner, theirs.id, REQUEST))).toEqual(['forbidden', 'ticket-opener-only']);
    await closeTicket(deps, staff, theirs.id);
    expect(await refusal(privacyRequestOfTicket(deps, staff, theirs.id))).toEqual(['conflict', 'ticket-closed']);
  });

  it('still answers the request of a ticket closed after it was linked', async () => {
    const { deps } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, myData);
    await linkPrivacyRequest(deps, staff, ticket.id, REQUEST);
    await closeTicket(deps, staff, ticket.id);
    expect(await privacyRequestOfTicket(deps, staff, ticket.id)).toBe(REQUEST);
  });
});
