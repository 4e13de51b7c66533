import { randomBytes } from 'node:crypto';
import { CredentialCipher, type CipherKey } from '@homi/service-kit';
import type { HealthDataKeys } from '../application/ports';
import type { DataCipher, WrappedKey } from '../domain/health-data';

const DATA_KEY_ID = 'data';
const wrapContext = (tenantId: string) => `health-data-key/${tenantId}`;

/**
 * Envelope encryption with node:crypto's AES-256-GCM (ADR 50): a random 32-byte data key per
 * institute, wrapped by the configured key-encryption key and bound to the institute. Retired KEKs
 * only unwrap, so a rotation re-wraps the data keys and never touches the data.
 */
export class EnvelopeHealthDataKeys implements HealthDataKeys {
  private readonly kek: CredentialCipher;

  constructor(current: CipherKey, previous: CipherKey[] = []) {
    this.kek = new CredentialCipher(current, previous);
  }

  get currentKekId(): string {
    return this.kek.currentKeyId;
  }

  newDataKey(tenantId: string): WrappedKey {
    return this.wrap(randomBytes(32), tenantId);
  }

  rewrap(key: WrappedKey, tenantId: string): WrappedKey {
    return this.wrap(this.unwrap(key, tenantId), tenantId);
  }

  cipher(key: WrappedKey, tenantId: string): DataCipher {
    const data = new CredentialCipher({ id: DATA_KEY_ID, key: this.unwrap(key, tenantId) });
    return {
      seal: (plaintext, context) => data.seal(plaintext, context).value,
      open: (sealed, context) => data.open({ keyId: DATA_KEY_ID, value: sealed }, context),
    };
  }

  private wrap(dataKey: Buffer, tenantId: string): WrappedKey {
    const sealed = this.kek.seal(dataKey.toString('base64'), wrapContext(tenantId));
    return { kekId: sealed.keyId, wrapped: sealed.value };
  }

  private unwrap(key: WrappedKey, tenantId: string): Buffer {
    return Buffer.from(this.kek.open({ keyId: key.kekId, value: key.wrapped }, wrapContext(tenantId)), 'base64');
  }
}
