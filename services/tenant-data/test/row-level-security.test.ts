import { Client } from '../src/domain/client';
import { newId } from '@homi/service-kit';
import { tenantDataUnitOfWork } from '../src/infrastructure/repositories';
import { startTenantData, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startTenantData();
});
afterAll(async () => {
  await h?.stop();
});

describe('row-level security', () => {
  it('hides rows of other tenants even from a query without a tenant condition', async () => {
    const a = newId('ten');
    const b = newId('ten');
    const scope = h.scope;
    await scope.run(a, async (em) => em.persist(new Client(newId('cli'), a, 'A1', new Date())));
    await scope.run(b, async (em) => em.persist(new Client(newId('cli'), b, 'B1', new Date())));
    const raw = await scope.run(a, (em) => em.execute<{ tenant_id: string }[]>('select tenant_id from clients'));
    expect(raw.map((r: { tenant_id: string }) => r.tenant_id)).toEqual([a]);
  });

  it('refuses to write a row for another tenant inside a tenant transaction', async () => {
    const a = newId('ten');
    const b = newId('ten');
    await expect(
      h.scope.run(a, async (em) => em.persist(new Client(newId('cli'), b, 'intruder', new Date()))),
    ).rejects.toThrow(/row-level security/);
  });

  it("keeps the unit of work's forTenant to its tenant, and opens acrossTenants and asUser to every tenant's rows", async () => {
    const a = newId('ten');
    const b = newId('ten');
    const other = newId('cli');
    await h.scope.run(b, async (em) => em.persist(new Client(other, b, 'B1', new Date())));
    let noticeKicks = 0;
    const uow = tenantDataUnitOfWork(h.service.orm, () => (noticeKicks += 1));
    const touch = (clients: { recordActivity(t: string, id: string, at: Date): Promise<boolean> }) => clients.recordActivity(b, other, new Date());
    expect(await uow.forTenant(a, ({ clients }) => touch(clients))).toBe(false);
    expect(await uow.forTenant(b, ({ clients }) => touch(clients))).toBe(true);
    expect(await uow.acrossTenants('test: a job for no single tenant', ({ clients }) => touch(clients))).toBe(true);
    expect(await uow.asUser(newId('usr'), ({ clients }) => touch(clients))).toBe(true);
    // No commit here wrote a notice, so none kicks the notice job (a booking does: reminders.test.ts
    // gets its confirmation mail with the job's poll set to an hour).
    expect(noticeKicks).toBe(0);
  });

  it('refuses an ORM query that was not given a tenant', async () => {
    const em = h.service.orm.em.fork();
    await expect(em.find(Client, {})).rejects.toThrow(/tenant/);
  });
});
