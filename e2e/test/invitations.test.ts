import { randomBytes } from 'node:crypto';
import { client, completedRequest, startPlatformForFile, type Platform } from './platform';

// Issue 12 item 3 through the gateway, as an attacker tried it on the running platform: an address
// typed into one's own account must not catch that address's invitation, inviting must not tell
// whether an address has an account, and nobody is added to an institute without accepting.
let p: Platform;
startPlatformForFile((started) => (p = started));

const address = (who: string) => `${who}-${randomBytes(4).toString('hex')}@e2e.homi.test`;
const tenantsOf = (me: { memberships: { tenantId: string }[] }) => me.memberships.map((m) => m.tenantId).sort();

describe('invitations and e-mail changes through the gateway', () => {
  it('does not give an invitation to an account that merely typed in the address; the mailbox\'s owner gets it', async () => {
    const attacker = await p.signup('Salon Aanvaller');
    const victim = address('slachtoffer');
    const asAttacker = client(p.gateway, attacker.ownerToken);
    const changed = await asAttacker.patch('/me', { email: victim });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email: attacker.owner.email, pendingEmail: { email: victim } });

    const institute = await p.signup('Salon Slachtoffer');
    const since = Date.now();
    const invited = await client(p.gateway, institute.ownerToken).post(`/tenants/${institute.tenantId}/members`, { email: victim, role: 'admin' });
    expect(invited.status).toBe(202);

    const me = await asAttacker.get('/me');
    expect(me.body.email).toBe(attacker.owner.email);
    expect(tenantsOf(me.body)).toEqual([attacker.tenantId]);
    // Without the mailbox the attacker has no code: a guessed one names nothing.
    const guessed = await asAttacker.post('/invitation-acceptances', { token: randomBytes(32).toString('base64url') });
    expect([guessed.status, guessed.body.type]).toEqual([404, expect.stringMatching(/invitation-not-found$/)]);
    expect((await asAttacker.post('/me/email-confirmations', { token: randomBytes(32).toString('base64url') })).status).toBe(404);

    // The real owner of the mailbox reads the invitation and joins with an account of their own.
    const token = await p.mailedToken(victim, since, /Uitnodiging/);
    const preview = await client(p.gateway).post('/invitation-lookups', { token });
    expect(preview.body).toMatchObject({ instituteName: 'Salon Slachtoffer', email: victim, role: 'admin' });
    const password = `pw-${randomBytes(12).toString('base64url')}`;
    const { version } = (await client(p.gateway).get('/privacy-statement')).body;
    const joined = await client(p.gateway).post('/invitation-signups', { token, name: 'Echte Eigenaar', password, acceptedPrivacyStatementVersion: version });
    expect(joined.status).toBe(201);
    const victimMe = await client(p.gateway, await p.login({ id: joined.body.userId, email: victim, password })).get('/me');
    expect(tenantsOf(victimMe.body)).toEqual([institute.tenantId]);
    expect(tenantsOf((await asAttacker.get('/me')).body)).toEqual([attacker.tenantId]);
    // The attacker's pending change can no longer be confirmed into an address that is taken.
    const confirmation = await p.mailedToken(victim, 0, /Bevestig/);
    const confirm = await asAttacker.post('/me/email-confirmations', { token: confirmation });
    expect([confirm.status, confirm.body.type]).toEqual([409, expect.stringMatching(/email-taken$/)]);
  });

  it('answers an invitation the same for an address with an account, without one, and of a deleted account', async () => {
    const institute = await p.signup('Salon Vraag');
    const existing = await p.signup('Salon Bestaand');
    const deleted = await p.signup('Salon Weg');
    const gone = await client(p.gateway, deleted.ownerToken).delete('/me');
    expect(gone.status).toBe(202);
    // The erasure of that account (which also erases invitations to its address) is over before the invitation.
    await completedRequest(client(p.gateway, deleted.ownerToken), gone.body.erasureRequestId, 60_000);
    const owner = client(p.gateway, institute.ownerToken);
    const answers = [];
    for (const email of [existing.owner.email, address('nieuw'), deleted.owner.email]) {
      const res = await owner.post(`/tenants/${institute.tenantId}/members`, { email, role: 'staff', permissions: { agenda: 'view' } });
      answers.push({
        status: res.status, type: res.headers.get('content-type'), keys: Object.keys(res.body).sort(), state: res.body.status, role: res.body.role,
        location: (res.headers.get('location') ?? '').replace(/ivt_[0-9A-Za-z]+$/, 'ivt_…'),
      });
      expect(res.body).not.toHaveProperty('userId');
      expect(res.body).not.toHaveProperty('name');
    }
    expect(answers[0]).toMatchObject({ status: 202, state: 'pending', location: `/api/v1/tenants/${institute.tenantId}/invitations/ivt_…` });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const listed = await owner.get(`/tenants/${institute.tenantId}/invitations`);
    expect(listed.body.items).toHaveLength(3);
    expect((await owner.get(`/tenants/${institute.tenantId}/members`)).body.items).toHaveLength(1);
  });

  it('adds an existing account only when it accepts, signed in, with the mailed code', async () => {
    const institute = await p.signup('Salon Toestemming');
    const other = await p.signup('Salon Ander');
    const owner = client(p.gateway, institute.ownerToken);
    const since = Date.now();
    expect((await owner.post(`/tenants/${institute.tenantId}/members`, { email: other.owner.email, role: 'staff', permissions: { clients: 'view' } })).status).toBe(202);
    const asOther = client(p.gateway, other.ownerToken);
    expect(tenantsOf((await asOther.get('/me')).body)).toEqual([other.tenantId]);
    expect((await asOther.get(`/tenants/${institute.tenantId}/clients`)).status).toBe(404);

    const token = await p.mailedToken(other.owner.email, since, /Uitnodiging/);
    // Someone else holding the code cannot put the membership on their own account.
    const stranger = await p.signup('Salon Vreemd');
    const refused = await client(p.gateway, stranger.ownerToken).post('/invitation-acceptances', { token });
    expect([refused.status, refused.body.type]).toEqual([403, expect.stringMatching(/invitation-email-mismatch$/)]);
    const accepted = await asOther.post('/invitation-acceptances', { token });
    expect(accepted.status).toBe(200);
    expect(tenantsOf((await asOther.get('/me')).body)).toEqual([institute.tenantId, other.tenantId].sort());
    const again = await asOther.post('/invitation-acceptances', { token });
    expect([again.status, again.body.type]).toEqual([409, expect.stringMatching(/invitation-used$/)]);
    expect((await owner.get(`/tenants/${institute.tenantId}/invitations`)).body.items).toEqual([]);
  });

  it('changes an e-mail address once its mailbox confirms, mailing in the caller\'s language, and the old address still signs in until then', async () => {
    const institute = await p.signup('Salon Verhuis');
    const api = client(p.gateway, institute.ownerToken);
    const next = address('verhuisd');
    const since = Date.now();
    const changed = await fetch(`${p.gateway}/api/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${institute.ownerToken}`, 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      body: JSON.stringify({ email: next, name: 'New Name' }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: 'New Name', email: institute.owner.email, pendingEmail: { email: next } });
    expect(await p.login(institute.owner)).toEqual(expect.any(String));
    const mail = await p.mail.waitFor({ to: next, since });
    expect(mail.subject).toBe('Confirm your new e-mail address for HOMi');
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] as string;
    const confirmed = await api.post('/me/email-confirmations', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ email: next, pendingEmail: null });
    expect(await p.login({ ...institute.owner, email: next })).toEqual(expect.any(String));
    // The confirming call named no language: the notice to the old address is in Dutch.
    expect((await p.mail.waitFor({ to: institute.owner.email, since })).subject).toBe('Het e-mailadres van je HOMi-account is gewijzigd');
  });
});
