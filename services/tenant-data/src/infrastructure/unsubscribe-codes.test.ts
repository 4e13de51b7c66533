import { randomBytes } from 'node:crypto';
import { HmacUnsubscribeCodes } from './unsubscribe-codes';

describe('unsubscribe codes', () => {
  const codes = new HmacUnsubscribeCodes(randomBytes(32));

  it('names the client it was made for, and only with this key', () => {
    const code = codes.codeFor('ten_a1', 'cli_b2');
    expect(codes.read(code)).toEqual({ tenantId: 'ten_a1', clientId: 'cli_b2' });
    expect(new HmacUnsubscribeCodes(randomBytes(32)).read(code)).toBeUndefined();
  });

  it('refuses a code changed to name another client or tenant, or cut short', () => {
    const [, , mac] = codes.codeFor('ten_a1', 'cli_b2').split('.');
    expect(codes.read(`ten_a1.cli_b3.${mac}`)).toBeUndefined();
    expect(codes.read(`ten_a2.cli_b2.${mac}`)).toBeUndefined();
    expect(codes.read(`ten_a1.cli_b2.${mac!.slice(0, 20)}`)).toBeUndefined();
    expect(codes.read('ten_a1.cli_b2')).toBeUndefined();
    expect(codes.read(`ten_a1.cli_b2.${mac}.x`)).toBeUndefined();
  });

  it('derives its key from the health-data KEK when none is configured, under a label of its own', () => {
    const kek = randomBytes(32);
    const a = HmacUnsubscribeCodes.fromConfig({ HEALTH_DATA_KEK: kek }).codeFor('ten_a', 'cli_b');
    expect(HmacUnsubscribeCodes.fromConfig({ HEALTH_DATA_KEK: kek }).read(a)).toEqual({ tenantId: 'ten_a', clientId: 'cli_b' });
    expect(new HmacUnsubscribeCodes(kek).read(a)).toBeUndefined();
  });
});
