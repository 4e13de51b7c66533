import { as, memberOf, ownerOf, publicApi, type Harness } from './harness';
import { signUp, startWithOwner, STATEMENT, strongPassword, uniqueEmail } from './fixtures';
import { inviteAndJoin, invitationToken } from './invite';
import { sql } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string };
beforeAll(async () => ({ h, owner } = await startWithOwner()));
afterAll(() => h?.stop());

const members = (tenantId = owner.tenantId) => `/api/v1/tenants/${tenantId}/members`;
const invitations = (tenantId = owner.tenantId, id = '') => `/api/v1/tenants/${tenantId}/invitations${id ? `/${id}` : ''}`;
const asOwner = () => as(h, ownerOf(owner.userId, owner.tenantId));

async function invite(role: 'admin' | 'staff' = 'staff', email = uniqueEmail('uitgenodigd')) {
  const since = Date.now();
  const res = await asOwner().post(members(), { email, role, permissions: role === 'staff' ? { agenda: 'view' } : undefined, name: 'Voor Gesteld' });
  expect(res.status).toBe(202);
  return { id: res.body.id as string, email, token: await invitationToken(h, email, since) };
}

const membershipsOf = (userId: string) => sql(h, 'select tenant_id from memberships where user_id = $1', [userId]);

describe('invitations', () => {
  it('lists the open invitations to owners and admins with users:view, shows the invitee what they are invited to, and audits', async () => {
    const sent = await invite();
    const list = await asOwner().get(invitations());
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toEqual({
      id: sent.id, email: sent.email, role: 'staff', permissions: expect.objectContaining({ agenda: 'view', clients: 'none' }), status: 'pending',
      invitedBy: owner.userId, createdAt: expect.any(String), expiresAt: expect.any(String),
    });
    expect(Date.parse(list.body.items[0].expiresAt) - Date.parse(list.body.items[0].createdAt)).toBe(7 * 24 * 3600_000);
    const preview = await publicApi(h).post('/api/v1/invitation-lookups').send({ token: sent.token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: sent.id, instituteName: 'Salon Zonneschijn', email: sent.email, role: 'staff', suggestedName: 'Voor Gesteld' });
    const [entry] = await sql<{ action: string; details: object }>(h, `select action, details from tenant_audit_log where tenant_id = $1 and action = 'member.invited' order by seq desc limit 1`, [owner.tenantId]);
    expect(entry).toMatchObject({ details: { invitationId: sent.id, role: 'staff' } });
    expect(JSON.stringify(entry)).not.toContain(sent.email);
    const viewer = await inviteAndJoin(h, owner, 'staff', { users: 'view' });
    expect((await as(h, memberOf(viewer.userId, owner.tenantId, 'staff', { users: 'view' })).get(invitations())).status).toBe(200);
    expect((await as(h, memberOf(viewer.userId, owner.tenantId, 'staff', { users: 'view' })).delete(invitations(owner.tenantId, sent.id))).status).toBe(403);
    expect((await as(h, memberOf(viewer.userId, owner.tenantId, 'staff')).get(invitations())).status).toBe(403);
  });

  it('withdraws an invitation, whose link then answers 410 invitation-revoked, and refuses a second invitation while one is open', async () => {
    const sent = await invite();
    expect((await asOwner().post(members(), { email: sent.email, role: 'staff' })).body.type).toMatch(/\/already-invited$/);
    expect((await asOwner().delete(invitations(owner.tenantId, sent.id))).status).toBe(204);
    expect((await asOwner().delete(invitations(owner.tenantId, sent.id))).body.type).toMatch(/\/invitation-not-pending$/);
    for (const path of ['/api/v1/invitation-lookups', '/api/v1/invitation-declines']) {
      const res = await publicApi(h).post(path).send({ token: sent.token });
      expect([res.status, res.body.type]).toEqual([410, expect.stringMatching(/\/invitation-revoked$/)]);
    }
    const signup = await publicApi(h).post('/api/v1/invitation-signups').send({ token: sent.token, name: 'Te Laat', password: strongPassword() });
    expect(signup.status).toBe(410);
    expect(await h.service.deps.idp.findByEmail(sent.email)).toBeUndefined();
    expect((await asOwner().get(invitations())).body.items.map((i: { id: string }) => i.id)).not.toContain(sent.id);
    expect((await asOwner().post(members(), { email: sent.email, role: 'staff' })).status).toBe(202);
    expect((await sql(h, `select action from tenant_audit_log where tenant_id = $1 and details->>'invitationId' = $2 order by seq`, [owner.tenantId, sent.id])).map((r) => (r as { action: string }).action))
      .toEqual(['member.invited', 'member.invitation-revoked']);
  });

  it('answers an expired, declined, used or unknown code with a clear problem, and adds nobody', async () => {
    const expired = await invite();
    await sql(h, `update invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
    const tooLate = await publicApi(h).post('/api/v1/invitation-signups').send({ token: expired.token, name: 'Te Laat', password: strongPassword() });
    expect([tooLate.status, tooLate.body.type]).toEqual([410, expect.stringMatching(/\/invitation-expired$/)]);

    const declined = await invite();
    expect((await publicApi(h).post('/api/v1/invitation-declines').send({ token: declined.token })).status).toBe(204);
    expect((await publicApi(h).post('/api/v1/invitation-lookups').send({ token: declined.token })).body.type).toMatch(/\/invitation-declined$/);

    const used = await invite();
    const joined = await publicApi(h).post('/api/v1/invitation-signups').send({ token: used.token, name: 'Nu Wel', password: strongPassword(), acceptedPrivacyStatementVersion: STATEMENT });
    expect(joined.status).toBe(201);
    const again = await publicApi(h).post('/api/v1/invitation-signups').send({ token: used.token, name: 'Nog Eens', password: strongPassword() });
    expect([again.status, again.body.type]).toEqual([409, expect.stringMatching(/\/invitation-used$/)]);

    const unknown = await publicApi(h).post('/api/v1/invitation-lookups').send({ token: 'B'.repeat(43) });
    expect([unknown.status, unknown.body.type]).toEqual([404, expect.stringMatching(/\/invitation-not-found$/)]);
    expect((await publicApi(h).post('/api/v1/invitation-lookups').send({ token: 'nope' })).status).toBe(400);
    expect(await sql(h, 'select count(*)::int as n from users where lower(email) in ($1, $2)', [expired.email, declined.email])).toEqual([{ n: 0 }]);
  });

  it('lets only the account at the invited address accept, signed in and with the code', async () => {
    const invitee = await signUp(h.server);
    const stranger = await signUp(h.server);
    const sent = await invite('staff', invitee.email);
    const wrong = await as(h, { userId: stranger.userId }).post('/api/v1/invitation-acceptances', { token: sent.token });
    expect([wrong.status, wrong.body.type]).toEqual([403, expect.stringMatching(/\/invitation-email-mismatch$/)]);
    expect(await membershipsOf(stranger.userId)).toHaveLength(1);
    // An account at the address cannot sign up again through the invitation: it accepts instead.
    const dup = await publicApi(h).post('/api/v1/invitation-signups').send({ token: sent.token, name: 'Dubbel', password: strongPassword() });
    expect([dup.status, dup.body.type]).toEqual([409, expect.stringMatching(/\/email-taken$/)]);
    const ok = await as(h, { userId: invitee.userId }).post('/api/v1/invitation-acceptances', { token: sent.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tenantId: owner.tenantId, role: 'staff', permissions: { agenda: 'view' } });
    expect(await membershipsOf(invitee.userId)).toHaveLength(2);
  });

  it('does not outlive the inviter\'s rights: an admin\'s invitation stops working once the admin is removed', async () => {
    const admin = await inviteAndJoin(h, owner, 'admin');
    const email = uniqueEmail('via-admin');
    const since = Date.now();
    expect((await as(h, memberOf(admin.userId, owner.tenantId, 'admin')).post(members(), { email, role: 'staff' })).status).toBe(202);
    const token = await invitationToken(h, email, since);
    expect((await asOwner().delete(`${members()}/${admin.userId}`)).status).toBe(204);
    const res = await publicApi(h).post('/api/v1/invitation-signups').send({ token, name: 'Te Laat', password: strongPassword() });
    expect([res.status, res.body.type]).toEqual([410, expect.stringMatching(/\/invitation-revoked$/)]);
    expect(await h.service.deps.idp.findByEmail(email)).toBeUndefined();
  });

  it('records nothing and answers 503 mail-unavailable when the mail cannot be sent', async () => {
    const send = h.service.deps.mail.send;
    h.service.deps.mail.send = async () => {
      throw new Error('smtp down');
    };
    try {
      const email = uniqueEmail('onbereikbaar');
      const res = await asOwner().post(members(), { email, role: 'staff' });
      expect([res.status, res.body.type]).toEqual([503, expect.stringMatching(/\/mail-unavailable$/)]);
      expect(await sql(h, 'select count(*)::int as n from invitations where email = $1', [email])).toEqual([{ n: 0 }]);
    } finally {
      h.service.deps.mail.send = send;
    }
  });

  it('answers 404 for another tenant\'s invitations', async () => {
    const other = await signUp(h.server);
    const sent = await invite();
    expect((await as(h, ownerOf(other.userId, other.tenantId)).get(invitations())).status).toBe(404);
    expect((await as(h, ownerOf(other.userId, other.tenantId)).delete(invitations(other.tenantId, sent.id))).body.type).toMatch(/\/invitation-not-found$/);
  });
});
