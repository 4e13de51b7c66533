import { messagingMigration } from '@homi/messaging';
import { createOrm, newId } from '@homi/service-kit';
import { createDatabase, dropDatabase, uniqueName } from '@homi/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TENANT_DATA_MIGRATIONS } from '../src/service';
import { tenantDataEntities } from '../src/infrastructure/schema';

// Migration 0005 on a database that holds appointments from before it: they stay, as they were,
// booked, without treatment or staff member, even two at one time (ADR 46).
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = uniqueName('homi_td_mig');
let orm: MikroORM;

beforeAll(async () => {
  const url = await createDatabase(server, name);
  const migrations = [messagingMigration, ...TENANT_DATA_MIGRATIONS.map((m) => ({ name: m.name, class: m }))];
  orm = await createOrm({ clientUrl: url, entities: tenantDataEntities, migrations });
});
afterAll(async () => {
  await orm?.close(true);
  await dropDatabase(server, name);
});

describe('migration 0005 (treatments, staff, status)', () => {
  it('keeps existing appointments valid: booked, no treatment, no staff member, overlapping ones too', async () => {
    await orm.migrator.up({ to: 'Migration0004AllTenantsEscape' });
    const [tenant, client] = [newId('ten'), newId('cli')];
    const [a, b] = [newId('apt'), newId('apt')];
    await orm.em.fork().transactional(async (em) => {
      await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenant]);
      await em.execute(`insert into clients (id, tenant_id, name, created_at, updated_at, last_activity_at) values (?, ?, 'Old client', now(), now(), now())`, [client, tenant]);
      for (const id of [a, b]) {
        await em.execute(
          `insert into appointments (id, tenant_id, client_id, starts_at, ends_at, treatment, created_at, updated_at)
           values (?, ?, ?, '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z', 'Pedicure', now(), now())`,
          [id, tenant, client],
        );
      }
    });
    await orm.migrator.up();
    const rows = await orm.em.fork().transactional(async (em) => {
      await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenant]);
      return em.execute('select id, treatment, treatment_id, staff_id, status from appointments order by id');
    });
    expect(rows).toEqual([a, b].sort().map((id) => ({ id, treatment: 'Pedicure', treatment_id: null, staff_id: null, status: 'booked' })));
    const [constraint] = await orm.em.fork().execute(`select contype from pg_constraint where conname = 'appointments_no_overlap'`);
    expect(constraint).toEqual({ contype: 'x' });
  });
});
