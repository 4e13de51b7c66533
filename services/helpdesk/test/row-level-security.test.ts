import { inAllTenantsTransaction, inTenantTransaction, newId } from '@homi/service-kit';
import { TENANT_ROLE, HELPDESK_TABLES } from '../src/infrastructure/migrations/0001-initial';
import { startedAroundAll } from '@homi/testing';
import { asMember, asSupport, member, startHelpdesk, type Harness } from './harness';

/** Every tenant table: the first migration's, and the reply notices of ADR 43. */
const TABLES = [...HELPDESK_TABLES, 'reply_notices'];

// Row-level security by itself, below the ORM's filter: raw SQL that forgot its WHERE clause.
let h: Harness;
startedAroundAll(startHelpdesk, (started) => (h = started));

describe('row-level security of the helpdesk tables', () => {
  it("shows a tenant transaction only its tenant's rows, the owner none unless it declares itself across tenants", async () => {
    const a = newId('ten');
    const b = newId('ten');
    h.identity.names.set(a, 'A');
    h.identity.names.set(b, 'B');
    for (const tenantId of [a, b]) {
      const opened = await asMember(h, member(tenantId)).post('', { subject: 's', category: 'question', message: 'm' });
      expect((await asSupport(h).post(`/${opened.body.id}/messages`, { message: 'r' })).status).toBe(201);
    }
    for (const table of TABLES) {
      const seen = await inTenantTransaction(h.service.orm, a, TENANT_ROLE, (em) => em.execute<{ tenant_id: string }[]>(`select tenant_id from ${table}`));
      expect([table, [...new Set(seen.map((r) => r.tenant_id))]]).toEqual([table, [a]]);
      const asOwner = await h.service.orm.em.fork().execute<unknown[]>(`select tenant_id from ${table}`);
      expect([table, asOwner.length]).toEqual([table, 0]);
      const across = await inAllTenantsTransaction(h.service.orm, (em) => em.execute<{ tenant_id: string }[]>(`select tenant_id from ${table} where tenant_id in (?, ?)`, [a, b]));
      expect([table, [...new Set(across.map((r) => r.tenant_id))].sort()]).toEqual([table, [a, b].sort()]);
    }
    const sneaked = inTenantTransaction(h.service.orm, a, TENANT_ROLE, (em) =>
      em.execute(`insert into institute_names (tenant_id, name, learned_at) values (?, 'x', now())`, [newId('ten')]));
    await expect(sneaked).rejects.toThrow(/row-level security/);
  });
});
