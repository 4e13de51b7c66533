import { OwnerDeclaration, type DataSubject } from '@homi/contracts';
import { eraseSubject, exportSubject, type ExportRecord, type OwnerContext } from '../src/application/privacy-owner';
import { declaration } from '../src/privacy';
import { as, ownerOf, startIdentity, waitForKv, type Harness } from './harness';
import { signUp, STATEMENT, uniqueEmail } from './fixtures';
import { canLogIn, sql } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h?.stop());

/** Runs one owner operation in a transaction, as privacy-kit does for a command. */
function inTransaction<T>(work: (ctx: OwnerContext) => Promise<T>) {
  return h.service.orm.em.fork().transactional((em) => work({ em, requestId: 'dsr_test000000000001', now: new Date() }));
}

async function exported(subject: DataSubject): Promise<ExportRecord[]> {
  return inTransaction(async (ctx) => {
    const records: ExportRecord[] = [];
    for await (const r of exportSubject(subject, ctx)) records.push(r);
    return records;
  });
}

const erase = (subject: DataSubject) => inTransaction((ctx) => eraseSubject(h.service.deps.idp, subject, ctx));

describe('identity as a data owner', () => {
  it('declares its data in the shape the privacy service accepts', () => {
    expect(OwnerDeclaration.parse(declaration).categories.map((c) => c.name))
      .toEqual(['account', 'memberships', 'privacy-statement-acceptances', 'institute-details', 'pending-signups']);
  });

  it('exports a user\'s account, memberships and history of statement acceptances', async () => {
    const user = await signUp(h.server);
    const records = await exported({ kind: 'user', userId: user.userId });
    expect(records.map((r) => r.category)).toEqual(['account', 'memberships', 'privacy-statement-acceptances']);
    expect(records[0]?.data).toMatchObject({ id: user.userId, email: user.email });
    expect(records[1]?.data).toMatchObject({ tenant_id: user.tenantId, institute_name: 'Salon Zonneschijn', role: 'owner' });
    expect(records[2]?.data).toMatchObject({ version: STATEMENT });
  });

  it('erases a user once, with the account at the identity provider, however often asked', async () => {
    const user = await signUp(h.server);
    await waitForKv(h.memberships, `${user.userId}.${user.tenantId}`, (v) => v !== undefined);

    expect(await erase({ kind: 'user', userId: user.userId })).toEqual([
      { category: 'account', records: 1, action: 'erased' },
      { category: 'memberships', records: 1, action: 'erased' },
      { category: 'privacy-statement-acceptances', records: 1, action: 'erased' },
    ]);
    expect((await erase({ kind: 'user', userId: user.userId })).map((r) => r.records)).toEqual([0, 0, 0]);

    expect(await h.service.deps.idp.getUser(user.userId)).toBeUndefined();
    expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(false);
    expect(await sql(h, 'select count(*)::int as n from users where id = $1', [user.userId])).toEqual([{ n: 0 }]);
    await waitForKv(h.memberships, `${user.userId}.${user.tenantId}`, (v) => v === undefined, 1000);
    await waitForKv(h.users, user.userId, (v) => v === undefined, 1000);
  });

  it('erases an institute\'s memberships and details, leaving its members\' own accounts', async () => {
    const owner = await signUp(h.server);
    const colleague = (await as(h, ownerOf(owner.userId, owner.tenantId)).post(`/api/v1/tenants/${owner.tenantId}/members`,
      { email: uniqueEmail('collega'), name: 'Bram Collega', role: 'staff' })).body.userId as string;
    const subject: DataSubject = { kind: 'tenant', tenantId: owner.tenantId };
    expect((await exported(subject)).map((r) => r.category)).toEqual(['institute-details', 'memberships', 'memberships']);

    expect(await erase(subject)).toEqual([
      { category: 'institute-details', records: 1, action: 'erased' },
      { category: 'memberships', records: 2, action: 'erased' },
    ]);
    expect(await sql(h, 'select count(*)::int as n from tenants where id = $1', [owner.tenantId])).toEqual([{ n: 0 }]);
    expect(await sql(h, 'select count(*)::int as n from users where id in ($1, $2)', [owner.userId, colleague])).toEqual([{ n: 2 }]);
    await waitForKv(h.memberships, `${colleague}.${owner.tenantId}`, (v) => v === undefined, 1000);
  });

  it('holds nothing about an institute\'s clients', async () => {
    const subject: DataSubject = { kind: 'client', tenantId: 'ten_00000000000000000001', clientId: 'cli_00000000000000000001' };
    expect(await exported(subject)).toEqual([]);
    expect(await erase(subject)).toEqual([]);
  });
});
