import { MembershipChanged, TenantCreated, type TenantCreated as TenantCreatedData } from '@homi/contracts';
import { decodeClaims, passwordGrant, startedAroundAll } from '@homi/testing';
import { as, publicApi, startIdentity, waitForKv, type Harness } from './harness';
import { signupBody, signUp, STATEMENT, uniqueEmail } from './fixtures';
import { eventsSince, sql, tableCounts } from './support';

let h: Harness;
startedAroundAll(startIdentity, (started) => (h = started));

const post = (body: unknown) => publicApi(h).post('/api/v1/signup').send(body as object);

/** A refused sign-up: a problem of the given status and type, and no row or account anywhere. */
async function expectRefusedWithoutTrace(body: Record<string, unknown>, status: number, type: string) {
  const before = await tableCounts(h);
  const res = await post(body);
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.type).toBe(`https://docs.homi.nl/problems/${type}`);
  expect(await tableCounts(h)).toEqual(before);
  if (typeof body.email === 'string' && type !== 'email-taken') expect(await h.service.deps.idp.findByEmail(body.email)).toBeUndefined();
  return res;
}

describe('sign-up', () => {
  it('creates the account, tenant and owner membership, and publishes access to KV within a second', async () => {
    const since = new Date();
    const body = signupBody();
    const res = await post(body);
    expect(res.status).toBe(201);
    const { userId, tenantId } = res.body;
    expect(userId).toMatch(/^usr_/);
    expect(tenantId).toMatch(/^ten_/);

    const membership = await waitForKv<{ role: string }>(h.memberships, `${userId}.${tenantId}`, (v) => v?.role === 'owner', 1000);
    const access = await waitForKv<{ status: string; acceptedStatementVersion: string }>(h.users, userId, (v) => v !== undefined, 1000);
    expect(membership.ms).toBeLessThan(1000);
    expect(access.value).toMatchObject({ status: 'active', acceptedStatementVersion: STATEMENT });

    const tokens = await passwordGrant(h.issuer.issuer, body.email, body.password);
    expect(decodeClaims(tokens.access_token).sub).toBe(userId);
    expect(await sql(h, 'select id, email from users where id = $1', [userId])).toEqual([{ id: userId, email: body.email }]);
    expect(await sql(h, 'select role from memberships where tenant_id = $1', [tenantId])).toEqual([{ role: 'owner' }]);
    expect(await sql(h, 'select version from privacy_statement_acceptances where user_id = $1', [userId])).toEqual([{ version: STATEMENT }]);
    expect(await sql(h, 'select institute_name, kvk_number from tenants where id = $1', [tenantId]))
      .toEqual([{ institute_name: 'Salon Zonneschijn', kvk_number: '12345678' }]);
    expect(await sql(h, `select status, email from signups where tenant_id = $1`, [tenantId])).toEqual([{ status: 'completed', email: null }]);

    const created = await eventsSince<TenantCreatedData>(h.nc, TenantCreated.subject, since, (d) => d.tenantId === tenantId);
    expect(created.map((e) => e.data)).toEqual([{ tenantId, occurredAt: expect.any(String) }]);
    const changed = await eventsSince<{ tenantId: string; userId: string }>(h.nc, MembershipChanged.subject, since, (d) => d.tenantId === tenantId);
    expect(changed).toHaveLength(1);
    expect(JSON.stringify([created, changed])).not.toContain(body.email);
    // What a stream keeps, it keeps beyond an erasure: no institute details on the bus or in the outbox.
    expect(JSON.stringify([created, changed])).not.toMatch(/Zonneschijn|12345678/);
    expect(await sql(h, `select id from outbox where payload::text ~ 'Zonneschijn|12345678'`)).toEqual([]);

    const me = await as(h, { userId }).get('/api/v1/me');
    expect(me.body).toMatchObject({ id: userId, email: body.email, name: 'Anna de Vries', acceptedPrivacyStatementVersion: STATEMENT });
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId, instituteName: 'Salon Zonneschijn', role: 'owner' })]);
  });

  it('has the identity provider mail the new owner a verification link, which verifies the address once followed (ADR 51)', async () => {
    const since = Date.now();
    const body = signupBody();
    expect((await post(body)).status).toBe(201);
    const mail = await h.mail.waitFor({ to: body.email, since, subject: /Bevestig je e-mailadres/ });
    const link = /(http:\/\/\S+\/login-actions\/action-token\?key=[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    expect((await h.service.deps.idp.findByEmail(body.email))?.emailVerified).toBe(false);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    // Back to the web application the issuer serves (its first registered origin).
    expect(await page.text()).toMatch(/<a class="button" href="http:\/\/localhost:\d+\/">Naar HOMi<\/a>/);
    expect((await h.service.deps.idp.findByEmail(body.email))?.emailVerified).toBe(true);
    // identity's log holds the fact, never the address.
    expect(h.logLines.join('\n')).not.toContain(body.email);
  });

  it('answers 201 only once the gateway\'s buckets hold the owner\'s membership and acceptance (read-your-writes)', async () => {
    const res = await post(signupBody());
    expect(res.status).toBe(201);
    const { userId, tenantId } = res.body;
    expect((await waitForKv<{ role: string }>(h.memberships, `${userId}.${tenantId}`, (v) => v !== undefined, 0)).value?.role).toBe('owner');
    const access = await waitForKv<{ acceptedStatementVersion: string }>(h.users, userId, (v) => v !== undefined, 0);
    expect(access.value?.acceptedStatementVersion).toBe(STATEMENT);
  });

  it('refuses an e-mail address that already has an account, and creates nothing', async () => {
    const first = await signUp(h.server);
    const res = await expectRefusedWithoutTrace(signupBody({ email: first.email.toUpperCase() }), 409, 'email-taken');
    expect(res.body.detail).not.toContain(first.email);
  });

  it('refuses an address the identity provider knows although identity does not', async () => {
    const email = uniqueEmail('bestaand');
    await h.service.deps.idp.createUser({ email, name: 'Bestaand Account', enabled: true });
    await expectRefusedWithoutTrace(signupBody({ email }), 409, 'email-taken');
  });

  it('lets exactly one of two concurrent sign-ups with the same address through', async () => {
    const email = uniqueEmail('tegelijk');
    const results = await Promise.all([post(signupBody({ email })), post(signupBody({ email })), post(signupBody({ email }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.type.endsWith('/email-taken'))).toBe(true);
    expect(await sql(h, 'select count(*)::int as n from users where lower(email) = $1', [email])).toEqual([{ n: 1 }]);
    const account = await h.service.deps.idp.findByEmail(email);
    expect(account?.id).toBe(results.find((r) => r.status === 201)?.body.userId);
  });

  it('refuses a password the policy refuses (the e-mail address itself) with errors on password', async () => {
    const email = uniqueEmail('zwak');
    const res = await expectRefusedWithoutTrace(signupBody({ email, password: email }), 400, 'weak-password');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('refuses a password that is too short before asking the identity provider', async () => {
    const res = await expectRefusedWithoutTrace(signupBody({ password: 'kort' }), 400, 'invalid');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('refuses a sign-up without acceptance of the privacy statement', async () => {
    const { acceptedPrivacyStatementVersion: _omitted, ...body } = signupBody();
    const res = await expectRefusedWithoutTrace(body, 400, 'invalid');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'acceptedPrivacyStatementVersion' })]);
  });

  it('refuses an unknown privacy statement version', async () => {
    const res = await expectRefusedWithoutTrace(signupBody({ acceptedPrivacyStatementVersion: '1999-01' }), 400, 'unknown-privacy-statement-version');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'acceptedPrivacyStatementVersion' })]);
  });
});
