import request from 'supertest';
import { z } from 'zod';
import { Writable } from 'node:stream';
import { createHttpApp } from './app';
import { createLogger } from '../logger';
import { AppError, gone } from '../errors';
import { parseInput } from '../validation';

function appWith(lines: string[] = []) {
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  const logger = createLogger({ service: 'test', destination });
  let ready = true;
  return createHttpApp({
    logger,
    readiness: [{ name: 'db', check: async () => { if (!ready) throw new Error('down'); } }],
    bodyLimit: '1kb',
    routes: (app) => {
      app.post('/things', (req, res) => {
        const body = parseInput(z.strictObject({ name: z.string().min(1) }), req.body);
        res.status(201).json(body);
      });
      app.get('/conflict', () => { throw new AppError('conflict', 'already there'); });
      app.get('/expired', () => { throw gone('The export has expired.', 'export-expired'); });
      app.get('/owed', () => {
        throw new AppError('forbidden', 'accept first', { type: 'statement-owed', members: { currentVersion: 3, status: 200, type: 'x' } });
      });
      app.get('/boom', () => { throw new Error('secret internal detail'); });
      app.get('/toggle', (_req, res) => { ready = !ready; res.json({ ready }); });
    },
  });
}

describe('http app factory', () => {
  it('answers malformed JSON with a 400 problem', async () => {
    const res = await request(appWith().app).post('/things').set('content-type', 'application/json').send('{"name":');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/malformed-json$/);
  });

  it('lists unknown fields and wrong types', async () => {
    const res = await request(appWith().app).post('/things').send({ name: 5, extra: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ message: expect.stringContaining('extra') })]),
    );
  });

  it('refuses oversized bodies with 413 and non-JSON bodies with 415', async () => {
    const { app } = appWith();
    const big = await request(app).post('/things').send({ name: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    const form = await request(app).post('/things').type('form').send('name=x');
    expect(form.status).toBe(415);
  });

  it('maps app errors to their status and hides unknown errors behind a generic 500', async () => {
    const lines: string[] = [];
    const { app } = appWith(lines);
    expect((await request(app).get('/conflict')).status).toBe(409);
    const boom = await request(app).get('/boom').set('x-request-id', 'abcdefgh-1234');
    expect(boom.status).toBe(500);
    expect(JSON.stringify(boom.body)).not.toContain('secret internal detail');
    expect(boom.body.requestId).toBe('abcdefgh-1234');
    expect(lines.join('')).toContain('secret internal detail');
  });

  it('answers a gone error with 410 and its own problem type', async () => {
    const res = await request(appWith().app).get('/expired');
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ title: 'Gone', type: expect.stringMatching(/\/export-expired$/), detail: 'The export has expired.' });
  });

  it('carries extra problem members, never letting one replace a standard member', async () => {
    const res = await request(appWith().app).get('/owed');
    expect(res.status).toBe(403);
    expect(res.body.currentVersion).toBe(3);
    expect(res.body.status).toBe(403);
    expect(res.body.type).toMatch(/\/statement-owed$/);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await request(appWith().app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.status).toBe(404);
  });

  it('reports not ready when a dependency fails or shutdown began', async () => {
    const { app, health } = appWith();
    expect((await request(app).get('/readyz')).status).toBe(200);
    await request(app).get('/toggle');
    expect((await request(app).get('/readyz')).body.checks).toEqual({ db: 'down' });
    await request(app).get('/toggle');
    health.accepting = false;
    expect((await request(app).get('/readyz')).status).toBe(503);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
  it('names the process that answers a health check, the same on both checks', async () => {
    const { app } = appWith();
    const [health, ready] = [await request(app).get('/healthz'), await request(app).get('/readyz')];
    expect(health.headers['x-instance-id']).toMatch(/\S{8,}/);
    expect(ready.headers['x-instance-id']).toBe(health.headers['x-instance-id']);
  });
});

describe('routeShape', () => {
  it('keeps route words and hides ids, free text and query strings', () => {
    const { routeShape } = jest.requireActual('./app') as typeof import('./app');
    expect(routeShape('/api/v1/tenants/ten_abc123XYZ/clients?q=Jansen')).toBe('/api/v1/tenants/:param/clients');
    expect(routeShape('/api/v1/tenants/ten_1/clients/Jan%20Jansen')).toBe('/api/v1/tenants/:param/clients/:param');
  });
});
