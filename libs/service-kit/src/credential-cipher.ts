import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A key's id as configuration names it, stored with every value sealed under it. */
export const keyIdSetting = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, _ or -');
/** An AES-256 key in configuration: 32 bytes, base64. */
export const aesKeySetting = z
  .string()
  .trim()
  .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
  .transform((v) => Buffer.from(v, 'base64'));
/** `id:base64key,id:base64key`: keys that only open values sealed before a rotation. */
export const previousKeysSetting = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const keys: CipherKey[] = [];
    for (const entry of v.split(',').filter(Boolean)) {
      const [id = '', key = ''] = entry.split(':');
      const parsed = { id: keyIdSetting.safeParse(id), key: aesKeySetting.safeParse(key) };
      if (!parsed.id.success || !parsed.key.success) {
        ctx.addIssue({ code: 'custom', message: 'each entry must be <key id>:<32-byte base64 key>' });
        return z.NEVER;
      }
      keys.push({ id: parsed.id.data, key: parsed.key.data });
    }
    return keys;
  });

export interface CipherKey {
  /** Stored with every sealed value, so a value sealed under an old key can still be opened. */
  id: string;
  /** 32 bytes, AES-256. */
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  /** `<iv>.<ciphertext>.<tag>`, each base64url. */
  value: string;
}

const IV_BYTES = 12;
/** The full GCM tag: a truncated one would make forging a sealed value far cheaper. */
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest (billing's provider API keys, tenant-data's health data and its data keys). Each value is sealed under the
 * current key with a fresh IV and bound to its owner by the additional authenticated data (the
 * tenant id), so a sealed value copied to another tenant's row does not open. Older keys only open.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: CipherKey,
    previous: CipherKey[] = [],
  ) {
    this.keys = new Map([...previous, current].map((k) => [k.id, k.key]));
    for (const [id, key] of this.keys) if (key.length !== 32) throw new Error(`credentials key ${id} is not 32 bytes`);
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, owner: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const value = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
    return { keyId: this.current.id, value };
  }

  /** Throws when the key id is unknown or the value was altered or belongs to another owner. */
  open(sealed: Sealed, owner: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`no credentials key with id ${sealed.keyId} is configured`);
    const [iv, ciphertext, tag, extra] = sealed.value.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !ciphertext || !tag || extra || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('sealed credentials are malformed');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
