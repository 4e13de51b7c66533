import request from 'supertest';
import { newId } from '@homi/service-kit';
import { startedAroundAll } from '@homi/testing';
import { membership } from './support/fakes';
import { startHarness, type Harness } from './support/harness';

describe('rate limits', () => {
  let h: Harness;
  const tenantId = newId('ten');
  const path = `/api/v1/tenants/${tenantId}`;

  startedAroundAll(() => startHarness({ rateLimitPerMinute: 3, signupRateLimitPerHour: 2 }), (started) => (h = started));

  it('limits each user on their own and answers 429 with Retry-After and RateLimit headers', async () => {
    const [alice, bob] = [newId('usr'), newId('usr')];
    await h.putMembership(membership(alice, tenantId, {}, 'owner'));
    await h.putMembership(membership(bob, tenantId, {}, 'owner'));
    const asAlice = `Bearer ${await h.issuer.token(alice)}`;
    const first = await request(h.url).get(path).set('authorization', asAlice);
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    await request(h.url).get(path).set('authorization', asAlice);
    await request(h.url).get(path).set('authorization', asAlice);
    const limited = await request(h.url).get(path).set('authorization', asAlice);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['ratelimit-remaining']).toBe('0');

    // A fresh token does not reset the user's bucket; another user has their own.
    expect((await request(h.url).get(path).set('authorization', `Bearer ${await h.issuer.token(alice)}`)).status).toBe(429);
    expect((await request(h.url).get(path).set('authorization', `Bearer ${await h.issuer.token(bob)}`)).status).toBe(200);
  });

  it('limits requests without a valid token per client address, token guessing included', async () => {
    // Everything in this test comes from 127.0.0.1, so it shares one address bucket with the docs.
    const statuses: number[] = [];
    for (const auth of [undefined, 'Bearer garbage', 'Bearer more-garbage', 'Bearer still-garbage']) {
      const req = request(h.url).get(path);
      statuses.push((auth ? await req.set('authorization', auth) : await req).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const docs = await request(h.url).get('/api/v1/openapi.json');
    expect(docs.status).toBe(429);
    expect(docs.headers['retry-after']).toBeDefined();
    // The public identity routes spend the same address bucket.
    expect((await request(h.url).get('/api/v1/privacy-statement')).status).toBe(429);
    expect((await request(h.url).get('/api/v1/privacy-statements')).status).toBe(429);
  });

  it('limits sign-ups per client address with a bucket of their own, per hour', async () => {
    const signup = () => request(h.url).post('/api/v1/signup').send({ email: 'x@example.nl' });
    const forwardedBefore = h.identity.received.length;
    const first = await signup();
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('2;w=3600');
    expect((await signup()).status).toBe(200);
    const limited = await signup();
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.body.type).toMatch(/\/rate-limited$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    expect(h.identity.received.length).toBe(forwardedBefore + 2);
  });

  it('does not limit health checks', async () => {
    for (let i = 0; i < 5; i++) expect((await request(h.url).get('/healthz')).status).toBe(200);
  });
});
