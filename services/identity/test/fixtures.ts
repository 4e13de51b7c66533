import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Server } from 'node:http';
import { startIdentity, type Harness } from './harness';

export const STATEMENT = '2026-11';

/** A unique address per call: tests share one identity provider per file. */
export const uniqueEmail = (who = 'eigenaar') => `${who}.${randomBytes(5).toString('hex')}@example.nl`;

export const strongPassword = () => `Zon-${randomBytes(9).toString('base64url')}-salon`;

export function signupBody(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail(),
    password: strongPassword(),
    name: 'Anna de Vries',
    institute: { name: 'Salon Zonneschijn', kvkNumber: '12345678' },
    acceptedPrivacyStatementVersion: STATEMENT,
    ...overrides,
  };
}

/** Signs up and returns the ids and the credentials used. */
export async function signUp(server: Server, overrides: Record<string, unknown> = {}) {
  const body = signupBody(overrides);
  const res = await request(server).post('/api/v1/signup').send(body);
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { userId: res.body.userId as string, tenantId: res.body.tenantId as string, email: body.email as string, password: body.password as string };
}

/** identity started for a test file, with one institute's owner signed up: what most route tests begin with. */
export async function startWithOwner(): Promise<{ h: Harness; owner: { userId: string; tenantId: string } }> {
  const h = await startIdentity();
  return { h, owner: await signUp(h.server) };
}
