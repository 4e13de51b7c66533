import { AUDIT_STREAM, TenantActionPerformed } from '@homi/contracts';
import { EVENT_ID_PATTERN, outboxBacklog } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { messagesOn } from './events';
import { as, eventually, user, type Caller, type Harness } from './harness';
import { startWithSalonRecords, type TestOwner } from './owners';
import { startedAroundAll } from '@homi/testing';

let h: Harness;
let salon: TestOwner;

startedAroundAll(startWithSalonRecords, (started) => ({ h, records: salon } = started));

type Action = TenantActionPerformed;
const actionsAbout = (requestId: string) => messagesOn<Action>(h.js, TenantActionPerformed.subject, (a) => a.resourceIds.requestId === requestId, AUDIT_STREAM.name);
const actionCount = async () => (await messagesOn<Action>(h.js, TenantActionPerformed.subject, () => true, AUDIT_STREAM.name)).length;

/** A completed access request made by `caller`, about `subject`. */
async function completedAccess(caller: Caller, subject: unknown): Promise<string> {
  const api = as(h, caller);
  const created = await api.post('/requests', { type: 'access', subject });
  expect(created.status).toBe(202);
  const id = created.body.id as string;
  await eventually(async () => (await api.get(`/requests/${id}`)).body.status === 'completed', 20_000, `request ${id} completed`);
  return id;
}

describe("downloading the access package of a request about an institute's client", () => {
  const tenantId = newId('ten');
  const admin = user({ tenantId, role: 'admin' });
  const subject = { kind: 'client' as const, tenantId, clientId: newId('cli') };

  it("puts exactly one TenantActionPerformed for the institute on the AUDIT stream, naming the member and the route", async () => {
    await salon.seed(subject, 'client-profile', { name: 'Jan Jansen' });
    const id = await completedAccess(admin, { kind: 'client', tenantId, clientId: subject.clientId });
    expect(await actionsAbout(id)).toEqual([]);

    // Refused downloads record nothing: a stranger (404), the privacy officer (404).
    expect((await as(h, user()).get(`/requests/${id}/export`)).status).toBe(404);
    expect((await as(h, user({ realmRoles: ['operator'] })).get(`/requests/${id}/export`)).status).toBe(404);

    expect((await as(h, admin).get(`/requests/${id}/export`)).status).toBe(200);
    const [action, ...more] = await eventually(async () => {
      const found = await actionsAbout(id);
      return found.length > 0 ? found : undefined;
    }, 10_000, 'the tenant action published');
    expect(more).toEqual([]);
    expect(action!.data).toEqual({
      eventId: expect.stringMatching(EVENT_ID_PATTERN),
      tenantId,
      actor: { kind: 'member', userId: admin.userId },
      method: 'GET',
      route: '/privacy/requests/:requestId/export',
      resourceIds: { requestId: id },
      occurredAt: expect.any(String),
    });
    expect(TenantActionPerformed.schema.safeParse(action!.data).success).toBe(true);
    // The event carries ids only: nothing of the client's data.
    expect(JSON.stringify(action)).not.toContain('Jansen');
    // The request's own audit trail records the same download.
    const trail = await h.service.orm.em.fork().execute<{ action: string; actor: string }[]>(
      `select action, actor from audit_events where request_id = ? and action = 'export.downloaded'`,
      [id],
    );
    expect(trail).toEqual([{ action: 'export.downloaded', actor: admin.userId }]);
  });

  it('records a second download as a second action under a fresh event id, and names a support caller as support', async () => {
    const id = await completedAccess(admin, { kind: 'client', tenantId, clientId: subject.clientId });
    const grant = newId('sar');
    expect((await as(h, admin).get(`/requests/${id}/export`)).status).toBe(200);
    expect((await as(h, { ...admin, support: { requestId: grant } }).get(`/requests/${id}/export`)).status).toBe(200);
    const actions = await eventually(async () => {
      const found = await actionsAbout(id);
      return found.length === 2 ? found : undefined;
    }, 10_000, 'both downloads published');
    expect(new Set(actions.map((a) => a.data.eventId)).size).toBe(2);
    expect(actions.map((a) => [a.data.actor.kind, a.data.supportRequestId])).toEqual([['member', undefined], ['support', grant]]);
  });
});

describe("downloading the access package of a user's own request", () => {
  it('puts no tenant action on the AUDIT stream', async () => {
    const me = user();
    const id = await completedAccess(me, { kind: 'self' });
    const before = await actionCount();
    expect((await as(h, me).get(`/requests/${id}/export`)).status).toBe(200);
    // Wait until the relay has published what the download committed (its outbox is then empty).
    await eventually(async () => (await outboxBacklog(h.service.orm)) === 0, 10_000, 'outbox drained');
    expect(await actionsAbout(id)).toEqual([]);
    expect(await actionCount()).toBe(before);
  });
});
