import { Client } from '../src/domain/client';
import { newId } from '@homi/service-kit';
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

  it('refuses an ORM query that was not given a tenant', async () => {
    const em = h.service.orm.em.fork();
    await expect(em.find(Client, {})).rejects.toThrow(/tenant/);
  });
});
