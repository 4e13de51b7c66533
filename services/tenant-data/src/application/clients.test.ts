import { ClientCreated, ClientDeleted, ClientUpdated } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { createClient } from './create-client';
import { deleteClient } from './delete-client';
import { getClient } from './get-client';
import { inMemoryDeps } from './in-memory';
import { listClients } from './list-clients';
import { updateClient } from './update-client';

const TENANT = 'ten_0000000001';
const OTHER = 'ten_0000000002';
const notFound = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  return isAppError(err) && err.kind === 'not_found';
};

describe('client use cases', () => {
  it('creates a client and announces it with ids only', async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna de Vries', email: 'anna@example.nl' });
    expect(repositories.clients.rows.get(client.id)).toMatchObject({ tenantId: TENANT, name: 'Anna de Vries', email: 'anna@example.nl', phone: null });
    expect(published).toEqual([{ subject: ClientCreated.subject, data: { tenantId: TENANT, clientId: client.id, occurredAt: deps.clock().toISOString() } }]);
  });

  it('publishes an update only when something changed, and moves the retention start then', async () => {
    const { deps, published, clock } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    published.length = 0;
    clock.now = new Date('2026-04-01T10:00:00Z');
    await updateClient(deps, TENANT, client.id, { name: 'Anna' });
    expect(published).toEqual([]);
    const changed = await updateClient(deps, TENANT, client.id, { name: 'Anna Jansen', phone: null });
    expect(changed.name).toBe('Anna Jansen');
    expect(changed.lastActivityAt).toEqual(clock.now);
    expect(published.map((e) => e.subject)).toEqual([ClientUpdated.subject]);
  });

  it("never finds another tenant's client: get, update and delete answer not_found", async () => {
    const { deps } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    expect(await notFound(getClient(deps, OTHER, client.id))).toBe(true);
    expect(await notFound(updateClient(deps, OTHER, client.id, { name: 'x' }))).toBe(true);
    expect(await notFound(deleteClient(deps, OTHER, client.id))).toBe(true);
    expect((await getClient(deps, TENANT, client.id)).name).toBe('Anna');
  });

  it('deletes a client and announces it', async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    await deleteClient(deps, TENANT, client.id);
    expect(repositories.clients.rows.size).toBe(0);
    expect(published.at(-1)?.subject).toBe(ClientDeleted.subject);
  });

  it('pages clients by name with a cursor that continues where the page ended', async () => {
    const { deps } = inMemoryDeps();
    for (const name of ['Carla', 'anna', 'Bert', 'Daan']) await createClient(deps, TENANT, { name });
    await createClient(deps, OTHER, { name: 'Aaron' });
    const first = await listClients(deps, TENANT, { limit: 3 });
    expect(first.items.map((c) => c.name)).toEqual(['anna', 'Bert', 'Carla']);
    const second = await listClients(deps, TENANT, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((c) => c.name)).toEqual(['Daan']);
    expect(second.nextCursor).toBeNull();
  });
});
