import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeNetwork, jsonResponse, problemResponse, problemType } from '../test/render';
import { api, configureApiClient } from './client';
import { ApiProblem } from './problem';

const signedIn = (token = 'token-1', renew = async () => false) => configureApiClient({ accessToken: () => token, renew });

describe('the API client', () => {
  afterEach(() => configureApiClient({ accessToken: () => undefined, renew: async () => false }));

  it('calls /api/v1 with the bearer token and answers the JSON body', async () => {
    const net = fakeNetwork(jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    signedIn();
    const page = await api.get('/tenants/ten_x/clients', { q: 'an', cursor: undefined, limit: 25 });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(net.requests[0]?.url).toBe('/api/v1/tenants/ten_x/clients?q=an&limit=25');
    expect(net.requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('turns problem+json into one ApiProblem with its members and Retry-After', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(403, {
      type: problemType('privacy-statement-acceptance-required'), title: 'Forbidden', detail: 'Accept first', currentVersion: '2026-03',
    }, { 'retry-after': '7' })).fetch);
    const error = await api.get('/tenants/ten_x/clients').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect(problem).toMatchObject({ status: 403, code: 'privacy-statement-acceptance-required', detail: 'Accept first', retryAfterSeconds: 7 });
    expect(problem.member('currentVersion')).toBe('2026-03');
  });

  it('keeps the field errors of a 400', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(400, {
      type: problemType('invalid'), errors: [{ path: 'institute.name', message: 'must not be empty' }],
    })).fetch);
    const problem = (await api.post('/signup', {}).catch((e: unknown) => e)) as ApiProblem;
    expect(problem.errors).toEqual([{ path: 'institute.name', message: 'must not be empty' }]);
  });

  it('makes an ApiProblem of an answer that is not problem+json (a proxy\'s 502 page)', async () => {
    vi.stubGlobal('fetch', fakeNetwork(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })).fetch);
    const problem = (await api.get('/me').catch((e: unknown) => e)) as ApiProblem;
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(502);
    expect(problem.code).toBe('');
  });

  it('makes a network-error ApiProblem when there is no answer at all', async () => {
    vi.stubGlobal('fetch', fakeNetwork().fetch);
    const problem = (await api.get('/me').catch((e: unknown) => e)) as ApiProblem;
    expect(problem).toMatchObject({ status: 0, code: 'network-error' });
  });

  it('renews the token once after a 401 and repeats the call with the new one', async () => {
    let token = 'old';
    const net = fakeNetwork(problemResponse(401, { type: problemType('invalid-token') }), jsonResponse(200, { id: 'usr_1' }));
    vi.stubGlobal('fetch', net.fetch);
    configureApiClient({ accessToken: () => token, renew: async () => ((token = 'new'), true) });
    await expect(api.get('/me')).resolves.toEqual({ id: 'usr_1' });
    expect(net.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });

  it('gives up with the 401 problem when the session cannot be renewed', async () => {
    const net = fakeNetwork(problemResponse(401, { type: problemType('invalid-token') }));
    vi.stubGlobal('fetch', net.fetch);
    signedIn('old', async () => false);
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, code: 'invalid-token' });
    expect(net.requests).toHaveLength(1);
  });

  it('does not renew for a 401 a new token of this sign-in cannot lift (a fresh sign-in, a deleted account)', async () => {
    for (const code of ['reauthentication-required', 'account-disabled']) {
      const net = fakeNetwork(problemResponse(401, { type: problemType(code) }));
      vi.stubGlobal('fetch', net.fetch);
      const renew = vi.fn(async () => true);
      signedIn('token-1', renew);
      await expect(api.delete('/me')).rejects.toMatchObject({ status: 401, code });
      expect(renew).not.toHaveBeenCalled();
      expect(net.requests).toHaveLength(1);
    }
  });

  it('downloads a file with the token in a header, with the name the answer gives it', async () => {
    const net = fakeNetwork(new Response('PK', { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="homi-export-dsr_1.zip"' } }));
    vi.stubGlobal('fetch', net.fetch);
    signedIn();
    const file = await api.download('/privacy/requests/dsr_1/export', 'application/zip');
    expect(file.filename).toBe('homi-export-dsr_1.zip');
    expect(await file.blob.text()).toBe('PK');
    expect(net.requests[0]?.url).toBe('/api/v1/privacy/requests/dsr_1/export');
    expect(net.requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(net.requests[0]?.headers.get('accept')).toBe('application/zip, application/problem+json');
  });
});
