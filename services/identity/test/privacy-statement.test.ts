import { CURRENT_STATEMENT_KEY, PrivacyStatementPublished } from '@homi/contracts';
import { startedAroundAll } from '@homi/testing';
import { as, publicApi, startIdentity, waitForKv, type Harness } from './harness';
import { signupBody, signUp, STATEMENT } from './fixtures';
import { eventsSince, sql } from './support';

let h: Harness;
startedAroundAll(startIdentity, (started) => (h = started));

const operator = () => as(h, { userId: 'usr_operator00000001', realmRoles: ['operator'] });
type Access = { status: string; acceptedStatementVersion: string | null };

describe('privacy statement', () => {
  it('serves the seeded first version publicly, in Dutch and English', async () => {
    const res = await publicApi(h).get('/api/v1/privacy-statement');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(STATEMENT);
    for (const promise of ['verkopen geen gegevens', 'binnen vier weken', 'FactuurSturen.nl', 'do not sell data', 'within four weeks', 'anonymised usage statistics']) {
      expect(res.body.text).toContain(promise);
    }
    await waitForKv<{ version: string }>(h.users, CURRENT_STATEMENT_KEY, (v) => v?.version === STATEMENT);
  });

  it('lets only operators publish a version', async () => {
    const body = { version: '2027-01', text: 'Nieuwe tekst / new text' };
    const plain = await as(h, { userId: 'usr_nooperator000001', realmRoles: ['support'] }).post('/api/v1/admin/privacy-statements', body);
    expect(plain.status).toBe(403);
    expect(plain.body.type).toMatch(/\/realm-role-required$/);
    expect((await publicApi(h).post('/api/v1/admin/privacy-statements').send(body)).status).toBe(401);
    expect((await publicApi(h).get('/api/v1/privacy-statement')).body.version).toBe(STATEMENT);
  });

  it('publishes a new version: the KV current version changes, users show their old acceptance until they accept', async () => {
    const user = await signUp(h.server);
    await waitForKv<Access>(h.users, user.userId, (v) => v?.acceptedStatementVersion === STATEMENT);
    const since = new Date();

    const published = await operator().post('/api/v1/admin/privacy-statements', { version: '2027-02', text: 'Versie 2027-02 / version 2027-02' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: '2027-02', text: 'Versie 2027-02 / version 2027-02' });
    const current = await waitForKv<{ version: string }>(h.users, CURRENT_STATEMENT_KEY, (v) => v?.version === '2027-02', 1000);
    expect(current.ms).toBeLessThan(1000);
    expect((await eventsSince<{ version: string }>(h.nc, PrivacyStatementPublished.subject, since, (d) => d.version === '2027-02')).length).toBe(1);
    expect((await h.users.get(user.userId))?.json<Access>().acceptedStatementVersion).toBe(STATEMENT);
    const me = await as(h, { userId: user.userId }).get('/api/v1/me');
    expect(me.body).toMatchObject({ acceptedPrivacyStatementVersion: STATEMENT, currentPrivacyStatementVersion: '2027-02' });

    const accepted = await as(h, { userId: user.userId }).post('/api/v1/me/privacy-statement-acceptances', { version: '2027-02' });
    expect(accepted.status).toBe(204);
    const access = await waitForKv<Access>(h.users, user.userId, (v) => v?.acceptedStatementVersion === '2027-02', 1000);
    expect(access.ms).toBeLessThan(1000);
    expect((await as(h, { userId: user.userId }).post('/api/v1/me/privacy-statement-acceptances', { version: '2027-02' })).status).toBe(204);
    expect(await sql(h, 'select version from privacy_statement_acceptances where user_id = $1 order by accepted_at', [user.userId]))
      .toEqual([{ version: STATEMENT }, { version: '2027-02' }]);
  });

  it('keeps the history of versions, newest first', async () => {
    const res = await publicApi(h).get('/api/v1/privacy-statements');
    expect(res.body.items.map((s: { version: string }) => s.version)).toEqual(['2027-02', STATEMENT]);
  });

  it('refuses to publish a version twice', async () => {
    const res = await operator().post('/api/v1/admin/privacy-statements', { version: STATEMENT, text: 'overschreven' });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/privacy-statement-version-exists$/);
    expect((await sql(h, 'select text from privacy_statements where version = $1', [STATEMENT]))[0]?.text).not.toBe('overschreven');
  });

  it('refuses an outdated version (409, naming the current one) and an unknown one (400)', async () => {
    const user = await signUp(h.server, { acceptedPrivacyStatementVersion: '2027-02' });
    const me = as(h, { userId: user.userId });
    const outdated = await me.post('/api/v1/me/privacy-statement-acceptances', { version: STATEMENT });
    expect(outdated.status).toBe(409);
    expect(outdated.body.type).toMatch(/\/privacy-statement-outdated$/);
    expect(outdated.body.detail).toContain('2027-02');
    expect((await me.post('/api/v1/me/privacy-statement-acceptances', { version: '1999-01' })).body.type).toMatch(/\/unknown-privacy-statement-version$/);
  });

  it('refuses a sign-up that accepted an outdated version, and creates nothing', async () => {
    const body = signupBody({ acceptedPrivacyStatementVersion: STATEMENT });
    const res = await publicApi(h).post('/api/v1/signup').send(body);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/privacy-statement-outdated$/);
    expect(res.body.detail).toContain('2027-02');
    expect(await sql(h, 'select count(*)::int as n from users where email = $1', [body.email])).toEqual([{ n: 0 }]);
    expect(await h.service.deps.idp.findByEmail(body.email)).toBeUndefined();
  });
});
