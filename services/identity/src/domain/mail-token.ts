import { createHash, randomBytes } from 'node:crypto';

/** A single-use secret to mail: 32 random bytes as base64url (43 characters). */
export const newMailToken = (): string => randomBytes(32).toString('base64url');

/**
 * What is stored of a mailed token. The token has 256 bits of entropy, so a plain SHA-256 is enough:
 * a stolen table cannot be turned back into working links.
 */
export const hashMailToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
