import { spawnDevIssuer, type SpawnedDevIssuer } from '@homi/dev-issuer';
import { createTenant } from '../src/application/tenant-step';
import { compensateStaleSignups } from '../src/application/reconcile';
import { identityProviderUnavailable, type IdentityProvider, type NewAccount } from '../src/application/ports';
import { DevIssuerIdentityProvider } from '../src/infrastructure/dev-issuer-identity-provider';
import { createLogger } from '@homi/service-kit';
import { publicApi, startIdentity, type Harness } from './harness';
import { signupBody, uniqueEmail } from './fixtures';
import { canLogIn, sql, tableCounts } from './support';

const silent = createLogger({ service: 'test', level: 'silent' });
let issuer: SpawnedDevIssuer;
let h: Harness;
let failTenantStep = false;
let failDeletes = 0;
let loseCreateAnswers = false;
let failVerificationMail = false;
const verificationMails: string[] = [];

/** The dev adapter, except that deleteUser fails while `failDeletes` > 0, and createUser's answer can get lost. */
function flakyIdp(): IdentityProvider {
  const real = new DevIssuerIdentityProvider({ baseUrl: issuer.url, adminSecret: issuer.adminSecret, logger: silent });
  return Object.assign(Object.create(real) as IdentityProvider, {
    deleteUser: async (id: string) => {
      if (failDeletes > 0) {
        failDeletes--;
        throw new Error('identity provider unreachable');
      }
      return real.deleteUser(id);
    },
    sendVerificationEmail: async (id: string) => {
      if (failVerificationMail) throw identityProviderUnavailable(new Error('SMTP refused'));
      verificationMails.push(id);
    },
    createUser: async (account: NewAccount) => {
      const created = await real.createUser(account);
      if (loseCreateAnswers) throw identityProviderUnavailable(new Error('timed out'));
      return created;
    },
  });
}

beforeAll(async () => {
  issuer = await spawnDevIssuer();
  h = await startIdentity({
    idp: flakyIdp(),
    // The real tenant step, then a failure: its rows were written and must be rolled back.
    tenantStep: async (em, tenant) => {
      await createTenant(em, tenant);
      if (failTenantStep) throw new Error('tenant step failed (injected)');
    },
  }, issuer);
});
afterAll(async () => {
  await h?.stop();
  await issuer?.stop();
});
afterEach(() => {
  failTenantStep = false;
  failDeletes = 0;
  loseCreateAnswers = false;
  failVerificationMail = false;
});

describe('sign-up compensation', () => {
  it('asks for a verification mail after a sign-up, not after a failed one, and a lost mail fails nothing', async () => {
    const ok = await publicApi(h).post('/api/v1/signup').send(signupBody());
    expect(ok.status).toBe(201);
    expect(verificationMails).toContain(ok.body.userId);

    const sent = verificationMails.length;
    failTenantStep = true;
    expect((await publicApi(h).post('/api/v1/signup').send(signupBody())).status).toBe(500);
    expect(verificationMails).toHaveLength(sent);

    failTenantStep = false;
    failVerificationMail = true;
    const body = signupBody();
    const unmailed = await publicApi(h).post('/api/v1/signup').send(body);
    expect(unmailed.status).toBe(201);
    expect(await canLogIn(issuer.issuer, body.email, body.password)).toBe(true);
  });

  it('leaves no account and no rows behind when the tenant step fails', async () => {
    failTenantStep = true;
    const before = await tableCounts(h);
    const body = signupBody();

    const res = await publicApi(h).post('/api/v1/signup').send(body);

    expect(res.status).toBe(500);
    expect(await h.service.deps.idp.findByEmail(body.email)).toBeUndefined();
    expect(await canLogIn(issuer.issuer, body.email, body.password)).toBe(false);
    const after = await tableCounts(h);
    expect({ ...after, signups: before.signups }).toEqual(before);
    // What remains is the saga's own record, without the address: that a sign-up failed at the tenant step.
    expect(await sql(h, `select status, email, failure from signups order by created_at desc limit 1`))
      .toEqual([{ status: 'failed', email: null, failure: 'create-tenant-failed' }]);
  });

  it('keeps the attempt pending when compensation itself fails, and the sweeper finishes it', async () => {
    failTenantStep = true;
    failDeletes = 1;
    const body = signupBody();

    expect((await publicApi(h).post('/api/v1/signup').send(body)).status).toBe(500);
    const account = await h.service.deps.idp.findByEmail(body.email);
    expect(account).toBeDefined();
    const [pending] = await sql<{ id: string; status: string }>(h, `select id, status from signups where user_id = $1`, [account?.id]);
    expect(pending?.status).toBe('pending');

    expect(await compensateStaleSignups(h.service.deps, -1000)).toBe(1);

    expect(await h.service.deps.idp.findByEmail(body.email)).toBeUndefined();
    expect(await sql(h, `select status, email from signups where id = $1`, [pending?.id])).toEqual([{ status: 'failed', email: null }]);
    expect(await sql(h, 'select count(*)::int as n from users where lower(email) = $1', [body.email])).toEqual([{ n: 0 }]);
  });

  it('deletes an account whose creation the identity provider did not confirm, and answers 503', async () => {
    loseCreateAnswers = true;
    const before = await tableCounts(h);
    const body = signupBody();

    const res = await publicApi(h).post('/api/v1/signup').send(body);

    expect(res.status).toBe(503);
    expect(res.body.type).toMatch(/\/identity-provider-unavailable$/);
    expect(await h.service.deps.idp.findByEmail(body.email)).toBeUndefined();
    expect(await tableCounts(h)).toEqual(before);
  });

  it('finds the account of an attempt interrupted before its id was recorded, by address', async () => {
    const email = uniqueEmail('onderbroken');
    const { id } = await h.service.deps.idp.createUser({ email, name: 'Half Gemaakt', enabled: true });
    await sql(h, `insert into signups (id, email, tenant_id, status, created_at, updated_at)
      values ('sgn_interrupted0001', $1, 'ten_interrupted0001', 'pending', now() - interval '1 hour', now() - interval '1 hour')`, [email]);

    await compensateStaleSignups(h.service.deps, 15 * 60_000);

    expect(await h.service.deps.idp.getUser(id)).toBeUndefined();
    expect(await sql(h, `select status from signups where id = 'sgn_interrupted0001'`)).toEqual([{ status: 'failed' }]);
  });

  it('never deletes an older account that merely has the address of an interrupted attempt', async () => {
    const email = uniqueEmail('ouder');
    const { id } = await h.service.deps.idp.createUser({ email, name: 'Support Collega', enabled: true });
    await sql(h, `insert into signups (id, email, tenant_id, status, created_at, updated_at)
      values ('sgn_olderaccount0001', $1, 'ten_olderaccount0001', 'pending', now() + interval '1 hour', now())`, [email]);

    await compensateStaleSignups(h.service.deps, -2 * 3600_000);

    expect(await h.service.deps.idp.getUser(id)).toBeDefined();
    expect(await sql(h, `select status from signups where id = 'sgn_olderaccount0001'`)).toEqual([{ status: 'failed' }]);
  });

  it('leaves a recent pending attempt alone: it may still be running', async () => {
    await sql(h, `insert into signups (id, email, tenant_id, status, created_at, updated_at)
      values ('sgn_running00000001', $1, 'ten_running00000001', 'pending', now(), now())`, [uniqueEmail('bezig')]);

    await compensateStaleSignups(h.service.deps, 15 * 60_000);

    expect(await sql(h, `select status from signups where id = 'sgn_running00000001'`)).toEqual([{ status: 'pending' }]);
  });
});
