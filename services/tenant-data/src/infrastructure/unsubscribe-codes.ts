import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { UnsubscribeCodes } from '../application/ports';

const SEPARATOR = '.';
const ID = /^[A-Za-z0-9_]{1,64}$/;

/**
 * Unsubscribe codes as `<tenantId>.<clientId>.<mac>` (ADR 53): the MAC is HMAC-SHA-256 under a key
 * of this service's configuration, so only this service makes codes, nobody guesses one, and a code
 * needs no row of its own (a mail resent after a crash carries the same code).
 */
export class HmacUnsubscribeCodes implements UnsubscribeCodes {
  constructor(private readonly key: Buffer) {}

  /** The key from REMINDER_LINK_KEY, else derived from the health-data KEK with a label of its own (HKDF). */
  static fromConfig(config: { REMINDER_LINK_KEY?: Buffer; HEALTH_DATA_KEK: Buffer }): HmacUnsubscribeCodes {
    const key = config.REMINDER_LINK_KEY ?? Buffer.from(hkdfSync('sha256', config.HEALTH_DATA_KEK, Buffer.alloc(0), 'homi tenant-data unsubscribe links v1', 32));
    return new HmacUnsubscribeCodes(key);
  }

  private mac(tenantId: string, clientId: string): Buffer {
    return createHmac('sha256', this.key).update(`unsubscribe\n${tenantId}\n${clientId}`).digest();
  }

  codeFor(tenantId: string, clientId: string): string {
    return [tenantId, clientId, this.mac(tenantId, clientId).toString('base64url')].join(SEPARATOR);
  }

  read(code: string): { tenantId: string; clientId: string } | undefined {
    const [tenantId, clientId, mac, ...rest] = code.split(SEPARATOR);
    if (!tenantId || !clientId || !mac || rest.length || !ID.test(tenantId) || !ID.test(clientId)) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(tenantId, clientId);
    return given.length === expected.length && timingSafeEqual(given, expected) ? { tenantId, clientId } : undefined;
  }
}
