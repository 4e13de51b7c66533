import { OwnerDeclaration, type DataSubject } from '@homi/contracts';
import { eraseSubject, exportSubject, type ExportRecord, type OwnerContext } from '../src/privacy';
import { declaration } from '../src/privacy';
import { startedAroundAll } from '@homi/testing';
import { as, ownerOf, startIdentity, waitForKv, type Harness } from './harness';
import { signUp, STATEMENT, uniqueEmail } from './fixtures';
import { inviteAndJoin } from './invite';
import { canLogIn, sql } from './support';
import { accessRequest, asSupport, supportPaths, supportUser } from './support-fixtures';

let h: Harness;
startedAroundAll(startIdentity, (started) => (h = started));

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
      .toEqual(['account', 'memberships', 'invitations', 'privacy-statement-acceptances', 'institute-details', 'pending-signups', 'support-access', 'tenant-audit-log']);
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
      { category: 'invitations', records: 0, action: 'erased' },
      { category: 'privacy-statement-acceptances', records: 1, action: 'erased' },
      { category: 'support-access', records: 0, action: 'retained', reason: expect.any(String) },
      { category: 'tenant-audit-log', records: 0, action: 'retained', reason: expect.any(String) },
    ]);
    expect((await erase({ kind: 'user', userId: user.userId })).map((r) => r.records)).toEqual([0, 0, 0, 0, 0, 0]);

    expect(await h.service.deps.idp.getUser(user.userId)).toBeUndefined();
    expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(false);
    expect(await sql(h, 'select count(*)::int as n from users where id = $1', [user.userId])).toEqual([{ n: 0 }]);
    await waitForKv(h.memberships, `${user.userId}.${user.tenantId}`, (v) => v === undefined, 1000);
    await waitForKv(h.users, user.userId, (v) => v === undefined, 1000);
  });

  it('erases an institute\'s memberships and details, leaving its members\' own accounts', async () => {
    const owner = await signUp(h.server);
    const colleague = (await inviteAndJoin(h, owner, 'staff')).userId;
    const subject: DataSubject = { kind: 'tenant', tenantId: owner.tenantId };
    expect((await exported(subject)).map((r) => r.category)).toEqual(['institute-details', 'memberships', 'memberships', 'invitations']);

    const [added] = await sql<{ occurred_at: Date }>(h, 'select occurred_at from tenant_audit_log where tenant_id = $1 order by seq desc limit 1', [owner.tenantId]);
    const twoYearsOn = new Date(added!.occurred_at);
    twoYearsOn.setUTCFullYear(twoYearsOn.getUTCFullYear() + 2);
    expect(await erase(subject)).toEqual([
      { category: 'institute-details', records: 1, action: 'erased' },
      { category: 'memberships', records: 2, action: 'erased' },
      { category: 'invitations', records: 1, action: 'erased' },
      { category: 'support-access', records: 0, action: 'erased' },
      { category: 'tenant-audit-log', records: 2, action: 'retained', reason: expect.stringMatching(/accountability/), retainedUntil: twoYearsOn.toISOString() },
    ]);
    expect(await sql(h, 'select count(*)::int as n from tenants where id = $1', [owner.tenantId])).toEqual([{ n: 0 }]);
    expect(await sql(h, 'select count(*)::int as n from users where id in ($1, $2)', [owner.userId, colleague])).toEqual([{ n: 2 }]);
    await waitForKv(h.memberships, `${colleague}.${owner.tenantId}`, (v) => v === undefined, 1000);
  });

  it('exports the audit entries a user is the actor of, and keeps them through the user\'s erasure', async () => {
    const user = await signUp(h.server);
    const colleague = await inviteAndJoin(h, user, 'staff');
    const records = await exported({ kind: 'user', userId: user.userId });
    expect(records.filter((r) => r.category === 'tenant-audit-log').map((r) => r.data)).toEqual([
      expect.objectContaining({ tenantId: user.tenantId, action: 'member.invited', details: expect.objectContaining({ invitationId: colleague.invitationId }) }),
    ]);
    // The invitation the user made is theirs to see too, and the colleague's own account was made through it.
    expect(records.filter((r) => r.category === 'invitations').map((r) => r.data)).toEqual([
      expect.objectContaining({ id: colleague.invitationId, status: 'accepted', invited_by_you: true }),
    ]);
    await as(h, ownerOf(user.userId, user.tenantId)).post(`/api/v1/tenants/${user.tenantId}/members`, { email: uniqueEmail('mede'), name: 'Mede Eigenaar', role: 'owner' });
    const results = await erase({ kind: 'user', userId: user.userId });
    expect(results.find((r) => r.category === 'tenant-audit-log')).toMatchObject({ records: 2, action: 'retained', retainedUntil: expect.any(String) });
    const log = await sql<{ actor_kind: string; action: string; details: { reason?: string } }>(h,
      'select actor_kind, action, details from tenant_audit_log where tenant_id = $1 order by seq', [user.tenantId]);
    expect(log.map((e) => e.action)).toEqual(['member.invited', 'member.added', 'member.invited', 'member.removed']);
    expect(log[3]).toMatchObject({ actor_kind: 'system', details: { reason: 'account_erased' } });
  });

  it('ends an institute\'s support grants when the institute is erased', async () => {
    const owner = await signUp(h.server);
    const support = supportUser();
    const id = (await asSupport(h, support).post(supportPaths.requests, accessRequest(h, owner.tenantId))).body.id as string;
    await as(h, ownerOf(owner.userId, owner.tenantId)).post(supportPaths.decide(owner.tenantId, id, 'approve'));
    await waitForKv(h.grants, id, (v) => v !== undefined);
    const results = await erase({ kind: 'tenant', tenantId: owner.tenantId });
    expect(results.find((r) => r.category === 'support-access')).toEqual({ category: 'support-access', records: 1, action: 'erased' });
    await waitForKv(h.grants, id, (v) => v === undefined);
    expect(await sql(h, 'select count(*)::int as n from support_access_notifications where tenant_id = $1', [owner.tenantId])).toEqual([{ n: 0 }]);
  });

  it('tells a support user whose account is erased until when their finished requests are kept, once none is open', async () => {
    const owner = await signUp(h.server);
    const support = supportUser();
    const ask = async () => (await asSupport(h, support).post(supportPaths.requests, accessRequest(h, owner.tenantId))).body.id as string;
    const denied = await ask();
    await as(h, ownerOf(owner.userId, owner.tenantId)).post(supportPaths.decide(owner.tenantId, denied, 'deny'));
    const [row] = await sql<{ decided_at: Date }>(h, 'select decided_at from support_access_requests where id = $1', [denied]);
    const yearOn = new Date(row!.decided_at);
    yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1);
    const supportResult = async () => (await erase({ kind: 'user', userId: support })).find((r) => r.category === 'support-access');
    expect(await supportResult()).toEqual({ category: 'support-access', records: 1, action: 'retained', reason: expect.stringMatching(/1 year/), retainedUntil: yearOn.toISOString() });
    await ask();
    expect(await supportResult()).toEqual({ category: 'support-access', records: 2, action: 'retained', reason: expect.any(String) });
  });

  it('holds nothing about an institute\'s clients', async () => {
    const subject: DataSubject = { kind: 'client', tenantId: 'ten_00000000000000000001', clientId: 'cli_00000000000000000001' };
    expect(await exported(subject)).toEqual([]);
    expect(await erase(subject)).toEqual([]);
  });
});
