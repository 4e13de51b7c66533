import request from 'supertest';
import { startedAroundAll } from '@homi/testing';
import { CURRENT_STATEMENT_KEY } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { membership, userAccess } from './support/fakes';
import { eventually, startHarness, startReplica, type Harness } from './support/harness';

const publishedAt = () => new Date().toISOString();

describe('account and privacy statement gates from the users bucket', () => {
  let h: Harness;
  const tenantId = newId('ten');
  const tenantPath = `/api/v1/tenants/${tenantId}/clients`;

  startedAroundAll(startHarness, (started) => (h = started));
  afterEach(() => h.setStatement(undefined));

  const owner = async () => {
    const userId = newId('usr');
    await h.putMembership(membership(userId, tenantId, {}, 'owner'));
    const auth = `Bearer ${await h.issuer.token(userId)}`;
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(200));
    return { userId, auth };
  };

  it('answers 401 account-disabled within a second of the account being disabled, and admits again when enabled', async () => {
    const { userId, auth } = await owner();
    await h.putUserAccess(userAccess(userId, null, 'active'));
    expect((await request(h.url).get('/api/v1/me').set('authorization', auth)).status).toBe(200);

    await h.putUserAccess(userAccess(userId, null, 'disabled'));
    const took = await eventually(async () => {
      const res = await request(h.url).get(tenantPath).set('authorization', auth);
      expect(res.status).toBe(401);
      expect(res.body.type).toMatch(/\/account-disabled$/);
    }, 1_000);
    expect(took).toBeLessThan(1_000);
    const me = await request(h.url).get('/api/v1/me').set('authorization', auth);
    expect([me.status, me.body.type]).toEqual([401, expect.stringMatching(/\/account-disabled$/)]);

    await h.putUserAccess(userAccess(userId, null, 'active'));
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(200), 1_000);
  });

  it('gates tenant routes and PATCH /me with 403 and currentVersion once a statement is published, and lifts it within a second of the acceptance', async () => {
    const { userId, auth } = await owner();
    await h.setStatement({ version: '2026-01', publishedAt: publishedAt() });
    const published = await eventually(async () => {
      const res = await request(h.url).get(tenantPath).set('authorization', auth);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/\/privacy-statement-acceptance-required$/), currentVersion: '2026-01' });
    }, 1_000);
    expect(published).toBeLessThan(1_000);
    const patchMe = await request(h.url).patch('/api/v1/me').set('authorization', auth).send({ name: 'A' });
    expect([patchMe.status, patchMe.body.currentVersion]).toEqual([403, '2026-01']);
    expect((await request(h.url).get('/api/v1/me').set('authorization', auth)).status).toBe(200);
    expect((await request(h.url).post('/api/v1/me/privacy-statement-acceptances').set('authorization', auth).send({ version: '2026-01' })).status).toBe(200);
    expect((await request(h.url).get('/api/v1/privacy-statement')).status).toBe(200);

    // identity records the acceptance in the bucket; the gateway follows.
    await h.putUserAccess(userAccess(userId, '2026-01'));
    const lifted = await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(200), 1_000);
    expect(lifted).toBeLessThan(1_000);
    expect((await request(h.url).patch('/api/v1/me').set('authorization', auth).send({ name: 'A' })).status).toBe(200);

    await h.setStatement({ version: '2026-07', publishedAt: publishedAt() });
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).body.currentVersion).toBe('2026-07'), 1_000);
    await h.setStatement(undefined);
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(200), 1_000);
  });

  it('ignores invalid entries: another user\'s access under a key, and garbage, count as no entry, which opens nothing', async () => {
    const { userId, auth } = await owner();
    const other = newId('usr');
    await h.setStatement({ version: '3', publishedAt: publishedAt() });
    await h.usersBucket.put(userId, JSON.stringify(userAccess(other, '3')));
    await h.usersBucket.put(other, 'not json');
    await eventually(async () => expect(h.logLines.join('')).toContain('ignoring invalid user access entry'));
    const unknown = await request(h.url).get(tenantPath).set('authorization', auth);
    expect([unknown.status, unknown.body.type]).toEqual([401, expect.stringMatching(/\/account-unknown$/)]);
    expect((await request(h.url).get('/api/v1/me').set('authorization', auth)).status).toBe(401);

    // With a valid entry of their own the statement gate applies again.
    await h.putUserAccess(userAccess(userId, null));
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(403), 1_000);
    // A user entry cannot pose as the statement, nor the statement as a user.
    await h.usersBucket.put(CURRENT_STATEMENT_KEY, JSON.stringify(userAccess(userId, null, 'disabled')));
    await eventually(async () => expect((await request(h.url).get(tenantPath).set('authorization', auth)).status).toBe(200), 1_000);
  });

  it('follows the statement and disabled accounts written before it started', async () => {
    const { userId: disabled, auth: disabledAuth } = await owner();
    const { auth } = await owner();
    await h.putUserAccess(userAccess(disabled, null, 'disabled'));
    await h.setStatement({ version: '4', publishedAt: publishedAt() });
    const replica = await startReplica(h);
    try {
      expect((await request(replica.url).get('/api/v1/me').set('authorization', disabledAuth)).status).toBe(401);
      const gated = await request(replica.url).get(tenantPath).set('authorization', auth);
      expect([gated.status, gated.body.currentVersion]).toEqual([403, '4']);
    } finally {
      await replica.stop();
    }
  });

  it('is not ready once the users watch has stopped', async () => {
    await h.gateway.users.stop();
    const res = await request(h.url).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks).toMatchObject({ users: 'down', memberships: 'up' });
  });
});
