import { createPublicKey } from 'node:crypto';
import express from 'express';
import { fullPermissions } from '@homi/contracts';
import request from 'supertest';
import { AppError } from '../errors';
import { devServiceKeys, generateServiceKey, parseSigningKey, parseTrustedKeys, type ServiceKeys, type TrustedKeys } from '../service-keys';
import { errorHandler } from './error-handler';
import { CALLER_HEADER, requireCaller, signCaller, verifyCaller } from './caller';
import { signService, verifyService } from './service-auth';
import { serviceVerifier, type ServiceTarget } from './service-token';

/** A service with a generated key, trusted by `trusted`. */
function service(name: string, kid = `${name}-1`): ServiceKeys {
  const { privateJwk } = generateServiceKey(kid);
  return { service: name, signing: parseSigningKey(JSON.stringify(privateJwk)), trusted: new Map() };
}
const publicOf = (keys: ServiceKeys) => ({ kid: keys.signing.kid, alg: keys.signing.alg, key: createPublicKey(keys.signing.key) });
const trusting = (...services: ServiceKeys[]): TrustedKeys => {
  const map = new Map<string, ReturnType<typeof publicOf>[]>();
  for (const s of services) map.set(s.service, [...(map.get(s.service) ?? []), publicOf(s)]);
  return map;
};

const gateway = service('gateway');
const tenantData = service('tenant-data');
const trusted = trusting(gateway, tenantData);
const identity = serviceVerifier({ service: 'identity', trusted });
const privacy = serviceVerifier({ service: 'privacy', trusted });
const refusal = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  return err instanceof AppError ? [err.status, err.message] : ['accepted', String(err)];
};

describe('service credentials', () => {
  const target: ServiceTarget = { audience: 'identity', method: 'GET', path: '/internal/v1/tenants/ten_a?x=1' };

  it('name their issuer to the audience, once, for the request they were minted for', async () => {
    const token = signService(tenantData, target);
    expect(await verifyService(token, identity, target)).toBe('tenant-data');
    expect(await refusal(verifyService(token, identity, target))).toEqual([401, expect.stringMatching(/already used/)]);
  });

  it('refuse a credential minted for another service', async () => {
    const token = signService(tenantData, target);
    expect(await refusal(verifyService(token, privacy, target))).toEqual([401, expect.stringMatching(/aud does not match/)]);
  });

  it('refuse a replay to another path, query or method', async () => {
    for (const request of [{ method: 'GET', path: '/internal/v1/tenants/ten_b?x=1' }, { method: 'GET', path: '/internal/v1/tenants/ten_a' }, { method: 'DELETE', path: target.path }]) {
      expect(await refusal(verifyService(signService(tenantData, target), identity, request))).toEqual([401, expect.stringMatching(/another request/)]);
    }
  });

  it('refuse an expired credential and one that claims a long life', async () => {
    const minted = Date.now() - 120_000;
    expect(await refusal(verifyService(signService(tenantData, target, 30, minted), identity, target))).toEqual([401, expect.stringMatching(/expired/)]);
    expect(await refusal(verifyService(signService(tenantData, target, 3600), identity, target))).toEqual([401, expect.stringMatching(/lifetime/)]);
  });

  it('refuse a key of another service claiming a service name, an unknown issuer and a tampered token', async () => {
    const impostor = { ...tenantData, service: 'gateway' };
    expect(await refusal(verifyService(signService(impostor, target), identity, target))).toEqual([401, expect.stringMatching(/unknown key/)]);
    const sameKid = { ...tenantData, service: 'gateway', signing: { ...tenantData.signing, kid: gateway.signing.kid } };
    expect(await refusal(verifyService(signService(sameKid, target), identity, target))).toEqual([401, expect.stringMatching(/signature/)]);
    expect(await refusal(verifyService(signService(service('reports'), target), identity, target))).toEqual([401, expect.stringMatching(/unknown key/)]);
    const [head, , sig] = signService(tenantData, target).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'tenant-data', aud: 'identity', htm: 'GET', htu: target.path })).toString('base64url');
    expect(await refusal(verifyService(`${head}.${forged}.${sig}`, identity, target))).toEqual([401, expect.stringMatching(/signature/)]);
    expect(await refusal(verifyService(undefined, identity, target))).toEqual([401, 'Missing service credentials.']);
    expect(await refusal(verifyService('nonsense', identity, target))).toEqual([401, expect.stringMatching(/not a token/)]);
  });

  it('accept the old and the new key of a service during a rotation, and only those', async () => {
    const next = { ...service('tenant-data', 'tenant-data-2') };
    const rotating = serviceVerifier({ service: 'identity', trusted: trusting(gateway, tenantData, next) });
    expect(await verifyService(signService(tenantData, target), rotating, target)).toBe('tenant-data');
    expect(await verifyService(signService(next, target), rotating, target)).toBe('tenant-data');
    const after = serviceVerifier({ service: 'identity', trusted: trusting(gateway, next) });
    expect(await refusal(verifyService(signService(tenantData, target), after, target))).toEqual([401, expect.stringMatching(/unknown key/)]);
  });

  it('trust sets parse from JSON with one or two keys a service', () => {
    const a = generateServiceKey('gateway-1').publicJwk;
    const b = generateServiceKey('gateway-2').publicJwk;
    expect(parseTrustedKeys(JSON.stringify({ gateway: [a, b] })).get('gateway')?.map((k) => k.kid)).toEqual(['gateway-1', 'gateway-2']);
    expect(() => parseTrustedKeys(JSON.stringify({ gateway: [a, b, generateServiceKey('gateway-3').publicJwk] }))).toThrow();
    expect(() => parseTrustedKeys(JSON.stringify({ gateway: [a, a] }))).toThrow(/one kid/);
  });
});

describe('caller contexts', () => {
  const target: ServiceTarget = { audience: 'tenant-data', method: 'GET', path: '/api/v1/tenants/ten_a/clients' };
  const context = { userId: 'usr_a', realmRoles: [], tenantId: 'ten_a', role: 'owner' as const, permissions: fullPermissions() };
  const tenantDataVerifier = () => serviceVerifier({ service: 'tenant-data', trusted });

  it('carry the user the gateway vouches for, to the one service and request', async () => {
    const header = signCaller(context, gateway, target);
    expect(await verifyCaller(header, tenantDataVerifier(), target)).toMatchObject({ userId: 'usr_a', tenantId: 'ten_a', exp: expect.any(Number) });
  });

  it('minted for tenant-data, are refused by identity', async () => {
    const header = signCaller(context, gateway, target);
    expect(await refusal(verifyCaller(header, identity, target))).toEqual([401, expect.stringMatching(/aud does not match/)]);
  });

  it('are only the gateway’s: another service cannot vouch for a user', async () => {
    const header = signCaller(context, tenantData, target);
    expect(await refusal(verifyCaller(header, tenantDataVerifier(), target))).toEqual([401, expect.stringMatching(/issuer not accepted/)]);
  });

  it('are refused as problem+json 401 by requireCaller on another route', async () => {
    const app = express();
    app.get('/api/v1/tenants/:tenantId/clients', requireCaller(tenantDataVerifier()), (req, res) => void res.json({ userId: req.caller.userId }));
    app.delete('/api/v1/tenants/:tenantId/clients', requireCaller(tenantDataVerifier()), (_req, res) => void res.status(204).end());
    app.use(errorHandler({ error: () => undefined, warn: () => undefined } as never));
    expect((await request(app).get(target.path).set(CALLER_HEADER, signCaller(context, gateway, target))).body).toEqual({ userId: 'usr_a' });
    const replayed = await request(app).delete(target.path).set(CALLER_HEADER, signCaller(context, gateway, target));
    expect([replayed.status, replayed.headers['content-type']]).toEqual([401, expect.stringMatching(/application\/problem\+json/)]);
  });
});

describe('development keys', () => {
  it('let the platform’s services call each other without configuration', async () => {
    const target = { audience: 'identity', method: 'GET', path: '/x' };
    expect(await verifyService(signService(devServiceKeys('tenant-data'), target), serviceVerifier(devServiceKeys('identity')), target)).toBe('tenant-data');
  });
});
