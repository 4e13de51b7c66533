import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { newEventId } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { SupportAccessRefused } from '@homi/contracts';
import { verifyAuditCommand } from '../src/cli/verify-audit-command';
import { as, ownerOf, type Harness } from './harness';
import { startWithOwner } from './fixtures';
import { supportPaths as paths, supportUser } from './support-fixtures';
import { eventually, sql } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string };
beforeAll(async () => ({ h, owner } = await startWithOwner()));
afterAll(() => h?.stop());

type Entry = { seq: number; action: string; actor: { kind: string; userId?: string }; details: Record<string, unknown> };
const entries = async (): Promise<Entry[]> =>
  (await as(h, ownerOf(owner.userId, owner.tenantId)).get(`${paths.auditLog(owner.tenantId)}?limit=100`)).body.items;

const refusal = (overrides: Partial<SupportAccessRefused> = {}): SupportAccessRefused => ({
  eventId: newEventId(), tenantId: owner.tenantId, supportUserId: supportUser(), method: 'DELETE',
  route: '/tenants/:tenantId/clients/:clientId', resourceIds: { clientId: newId('cli') }, reason: 'support-access-out-of-scope',
  supportRequestId: newId('sar'), repeats: 3, occurredAt: new Date().toISOString(), ...overrides,
});

async function publish(event: SupportAccessRefused, msgId = event.eventId) {
  await jetstream(h.nc).publish(SupportAccessRefused.subject, JSON.stringify(event), { msgID: msgId, headers: headers() });
}

const rowsOf = (eventId: string) => sql<{ n: number }>(h, 'select count(*)::int as n from tenant_audit_log where source_event_id = $1', [eventId]);
const handled = async (msgId: string) =>
  (await sql(h, 'select 1 from inbox where consumer = $1 and message_id = $2', [h.config.SUPPORT_REFUSALS_CONSUMER, msgId])).length === 1;

describe('refused support calls in the tenant\'s audit log', () => {
  it('appends a refusal once, however often it is delivered, with ids and codes only', async () => {
    const event = refusal();
    await publish(event);
    await publish(event); // the same message id: JetStream drops it
    await publish(event, `${event.eventId}-again`); // a new message id for the same event: the log drops it
    await eventually(() => handled(`${event.eventId}-again`), 'the second delivery');
    await eventually(async () => (await rowsOf(event.eventId))[0]?.n === 1, 'the refusal in the audit log');
    expect((await rowsOf(event.eventId))[0]?.n).toBe(1);

    const entry = (await entries()).find((e) => e.actor.userId === event.supportUserId);
    expect(entry).toMatchObject({
      action: 'support.refused',
      actor: { kind: 'support', userId: event.supportUserId },
      details: {
        method: 'DELETE', route: event.route, resourceIds: event.resourceIds, reason: 'support-access-out-of-scope',
        supportRequestId: event.supportRequestId, repeats: 3,
      },
    });
  });

  it('records a refusal without a grant with no grant id, and a producer that left out repeats as 0', async () => {
    const { repeats: _repeats, supportRequestId: _grant, ...rest } = refusal({ reason: 'support-access-grant-required' });
    const event = { ...rest, eventId: newEventId() };
    await jetstream(h.nc).publish(SupportAccessRefused.subject, JSON.stringify(event), { msgID: event.eventId, headers: headers() });
    await eventually(async () => (await rowsOf(event.eventId))[0]?.n === 1, 'the refusal in the audit log');
    const entry = (await entries()).find((e) => e.actor.userId === event.supportUserId);
    expect(entry?.details).toEqual({ method: 'DELETE', route: event.route, resourceIds: event.resourceIds, reason: 'support-access-grant-required', repeats: 0 });
  });

  it('creates nothing for a tenant that does not exist, and still takes the message off the stream', async () => {
    const tenantId = newId('ten');
    const event = refusal({ tenantId, reason: 'support-access-grant-required', supportRequestId: undefined });
    await publish(event);
    await eventually(() => handled(event.eventId), 'the probe handled');
    expect(await sql(h, 'select 1 from tenant_audit_log where tenant_id = $1', [tenantId])).toEqual([]);
    expect(await sql(h, 'select 1 from tenants where id = $1', [tenantId])).toEqual([]);
  });

  it('keeps the tenant\'s chain verifiable with refusals in it', async () => {
    const lines: string[] = [];
    const code = await verifyAuditCommand({ IDENTITY_DATABASE_URL: h.databaseUrl }, (l) => void lines.push(l));
    expect([code, lines.join('')]).toEqual([0, expect.stringMatching(/^ok: /)]);
    const chain = await sql<{ action: string }>(h, 'select action from tenant_audit_log where tenant_id = $1 order by seq', [owner.tenantId]);
    expect(chain.filter((r) => r.action === 'support.refused')).toHaveLength(2);
  });
});
