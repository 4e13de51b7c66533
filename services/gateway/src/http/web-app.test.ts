import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { fakeGateway } from '../../test/support/fakes';

const ISSUER = 'http://issuer.test:8080/realms/homi';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A dist folder shaped like Vite's: index.html, the silent-renewal page and hashed assets. */
function builtWebApp(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'homi-web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>HOMi</title><script type="module" src="/assets/index-a1b2c3.js"></script>');
  writeFileSync(path.join(dist, 'silent-callback.html'), '<!doctype html><script type="module" src="/assets/silent-d4e5f6.js"></script>');
  writeFileSync(path.join(dist, 'assets', 'index-a1b2c3.js'), 'console.log("app")');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

describe('the web application served by the gateway', () => {
  const dist = builtWebApp();
  const gw = fakeGateway(10_000, { distDir: dist, oidc: { issuer: ISSUER, clientId: 'homi-web' } });
  const app = gw.http.app;
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves index.html at / with a strict Content-Security-Policy and no caching', async () => {
    const res = await request(app).get('/').set('accept', HTML);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('/assets/index-a1b2c3.js');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    for (const directive of [
      "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self' http://issuer.test:8080",
      "frame-src 'self' http://issuer.test:8080", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
      "form-action 'self' http://issuer.test:8080",
    ]) expect(csp).toContain(directive);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('caches hashed assets for a year as immutable', async () => {
    const res = await request(app).get('/assets/index-a1b2c3.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
  });

  it('revalidates files without a content hash', async () => {
    const res = await request(app).get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers every page path a browser navigates to with index.html (the app routes it)', async () => {
    for (const page of ['/privacy', '/t/ten_abcdefgh12/clients/cli_abcdefgh12', '/signup', '/no/such/page']) {
      const res = await request(app).get(page).set('accept', HTML);
      expect(res.status).toBe(200);
      expect(res.text).toContain('/assets/index-a1b2c3.js');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('lets only the silent-renewal page be framed, and only by the app itself', async () => {
    const res = await request(app).get('/silent-callback.html').set('accept', HTML);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers a missing asset or a non-page request with 404, never with index.html', async () => {
    const missing = await request(app).get('/assets/index-000000.js').set('accept', '*/*');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<!doctype html>');
    const json = await request(app).get('/somewhere').set('accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('keeps unknown /api/ paths answering 404 problem+json, even for a browser', async () => {
    for (const apiPath of ['/api/v2/clients', '/api', '/api/anything']) {
      const res = await request(app).get(apiPath).set('accept', HTML);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const unauthenticated = await request(app).get('/api/v1/no-such-route').set('accept', HTML);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('does not answer writes to page paths', async () => {
    const res = await request(app).post('/privacy').set('accept', HTML);
    expect(res.status).toBe(404);
  });

  it('serves the runtime sign-in settings at /config.json, never cached', async () => {
    const res = await request(app).get('/config.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ issuer: ISSUER, clientId: 'homi-web' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 404 problem+json at / while the web application is not built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'homi-web-empty-'));
    const bare = fakeGateway(10_000, { distDir: empty, oidc: { issuer: ISSUER, clientId: 'homi-web' } });
    const res = await request(bare.http.app).get('/').set('accept', HTML);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    rmSync(empty, { recursive: true, force: true });
  });
});
