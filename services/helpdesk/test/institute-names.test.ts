import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { TenantRenamed } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { inAllTenantsTransaction, newId } from '@homi/service-kit';
import { pollUntil, startedAroundAll } from '@homi/testing';
import { asMember, asSupport, member, startHelpdesk, type Harness } from './harness';

// The institute names on support's desk follow a rename announced by identity, over the helpdesk's
// own NATS server and Postgres database, with identity's institute-details route on a real socket.
let h: Harness;
startedAroundAll(startHelpdesk, (started) => (h = started));

const question = { subject: 'Facturen komen niet aan', category: 'invoicing', message: 'Klanten zeggen dat ze geen factuur kregen.' };

const announceRename = (tenantId: string) =>
  publish(jetstream(h.service.nc), TenantRenamed, { tenantId, occurredAt: new Date().toISOString() }, { msgId: `test-${randomBytes(6).toString('hex')}` });

/** The name support's desk shows for the institute's tickets. */
const shownName = async (tenantId: string) => {
  const res = await asSupport(h).get(`?institute=${tenantId}`);
  expect(res.status).toBe(200);
  return (res.body.items as { institute: { name: string | null } }[]).map((t) => t.institute.name);
};

const untilShown = (tenantId: string, names: string[]) =>
  pollUntil(() => shownName(tenantId), { done: (shown) => JSON.stringify(shown) === JSON.stringify(names), timeoutMs: 10_000, intervalMs: 50, what: `${names[0]} on the desk` });

describe("the institute's name on support's desk after a rename", () => {
  it('shows the name identity gives after TenantRenamed, on every ticket of that institute only', async () => {
    const renamedTenant = newId('ten');
    const otherTenant = newId('ten');
    h.identity.names.set(renamedTenant, 'Praktijk Noord');
    h.identity.names.set(otherTenant, 'Kapsalon Zuid');
    await asMember(h, member(renamedTenant)).post('', question);
    await asMember(h, member(renamedTenant)).post('', { ...question, subject: 'Tweede vraag' });
    await asMember(h, member(otherTenant)).post('', question);
    expect(await shownName(renamedTenant)).toEqual(['Praktijk Noord', 'Praktijk Noord']);

    h.identity.names.set(renamedTenant, 'Praktijk Noord-West');
    h.identity.names.set(otherTenant, 'Niet gevraagd');
    await announceRename(renamedTenant);
    await untilShown(renamedTenant, ['Praktijk Noord-West', 'Praktijk Noord-West']);
    expect(await shownName(otherTenant)).toEqual(['Kapsalon Zuid']);
  });

  it('asks identity nothing for an institute without tickets, and keeps nothing for it', async () => {
    const quiet = newId('ten');
    const busy = newId('ten');
    h.identity.names.set(busy, 'Salon Eerst');
    await asMember(h, member(busy)).post('', question);
    h.identity.names.set(busy, 'Salon Daarna');
    // Stream order: once the second announcement is followed, the consumer has handled the first.
    await announceRename(quiet);
    await announceRename(busy);
    await untilShown(busy, ['Salon Daarna']);
    expect(h.identity.asked.filter((a) => a.endsWith(quiet))).toEqual([]);
    // Across tenants, as the tables' owner: forced row-level security shows the owner nothing otherwise.
    const kept = await inAllTenantsTransaction(h.service.orm, (em) => em.execute<{ tenant_id: string }[]>('select tenant_id from institute_names where tenant_id in (?, ?)', [quiet, busy]));
    expect(kept.map((r) => r.tenant_id)).toEqual([busy]);
  });
});
