import { createLogger, newId } from '@homi/service-kit';
import { TokenRejectedError } from '../src/application/ports';
import { JwksTokenVerifier } from '../src/infrastructure/token-verifier';
import { startTestIssuer, type TestIssuer } from './support/issuer';

// A token verified once is remembered until it expires (ADR 59): what must still refuse it.
describe('verified tokens remembered by the gateway', () => {
  let issuer: TestIssuer;
  let verifier: JwksTokenVerifier;
  const logger = createLogger({ service: 'gateway-test', level: 'silent' });
  const userId = newId('usr');
  const now = () => Math.floor(Date.now() / 1000);

  beforeEach(async () => {
    issuer = await startTestIssuer();
    verifier = new JwksTokenVerifier({ issuer: issuer.issuer, audience: 'homi-gateway', logger, clockToleranceSeconds: 0, refreshIntervalMs: 100 });
    await verifier.start();
  });
  afterEach(async () => {
    verifier.stop();
    await issuer.close();
  });

  it('answers a token again with the same principal', async () => {
    const token = await issuer.token(userId, { realm_access: { roles: ['support'] } });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toEqual(first);
    expect(first).toMatchObject({ userId, roles: ['support'] });
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
  });

  it('refuses a remembered token once it has expired', async () => {
    const token = await issuer.token(userId, { exp: now() + 1 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('refuses a remembered token once the key that verified it is no longer published', async () => {
    const token = await issuer.token(userId);
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId });
    await issuer.withdrawKey();
    // The second fetch after the withdrawal starts only once the first has been applied.
    const fetched = issuer.jwksFetches();
    while (issuer.jwksFetches() < fetched + 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('does not take a token that differs from a remembered one in its signature', async () => {
    const token = await issuer.token(userId);
    await verifier.verify(token);
    const [header, payload] = token.split('.');
    await expect(verifier.verify(`${header}.${payload}.${'A'.repeat(342)}`)).rejects.toBeInstanceOf(TokenRejectedError);
  });
});
