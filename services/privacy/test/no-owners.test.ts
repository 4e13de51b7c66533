import { schedulerTick } from '../src/application/scheduler-tick';
import { auditTrail } from '../src/infrastructure/audit-trail';
import { as, eventually, startPrivacy, user, type Harness } from './harness';
import { startTestOwner, type TestOwner } from './owners';

let h: Harness;
let records: TestOwner | undefined;

beforeAll(async () => {
  h = await startPrivacy();
}, 60_000);

afterAll(async () => {
  await records?.dispose();
  await h?.dispose();
});

describe('a request received while no owner is registered', () => {
  it('is recorded and shown, and taken on by the owners that register later', async () => {
    const api = as(h, user());
    const res = await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    expect((await api.get(`/requests/${id}`)).body).toMatchObject({ status: 'received', owners: [], report: [] });
    expect((await schedulerTick(h.service.deps)).recommanded).toBe(0);

    records = await startTestOwner(h, 'salon-records', ['client-profile']);
    await eventually(async () => (await api.get('/data-map')).body.owners?.length === 2, 20_000, 'owner registered');
    expect((await schedulerTick(h.service.deps)).recommanded).toBe(1);
    await eventually(async () => (await api.get(`/requests/${id}`)).body.status === 'completed', 20_000, 'completed');
    const actions = (await auditTrail(h.service.orm.em.fork(), id)).map((e) => e.action);
    expect(actions).toEqual(['request.received', 'owners.commanded', 'owner.completed', 'request.completed']);
  });
});
