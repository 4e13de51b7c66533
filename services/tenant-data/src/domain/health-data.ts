import type { tenantDataApi } from '@homi/contracts';

// Health data (GDPR art. 9, ADR 50): what a client's alerts and treatment notes are, and how a sealed
// value is bound to its place, so a ciphertext copied to another client or note does not open.

export type ClientAlert = tenantDataApi.ClientAlert;

/** An institute's data key as stored: wrapped by the key-encryption key `kekId`. */
export interface WrappedKey {
  kekId: string;
  wrapped: string;
}

/** Seals and opens one institute's health data under its data key. */
export interface DataCipher {
  seal(plaintext: string, context: string): string;
  /** Throws when the value was altered or belongs to another context. */
  open(sealed: string, context: string): string;
}

/** A treatment note as stored: everything but the text is an id or a time. */
export interface SealedNote {
  id: string;
  tenantId: string;
  clientId: string;
  appointmentId: string | null;
  authorId: string;
  sealed: string;
  createdAt: Date;
}

export interface ClientNote extends Omit<SealedNote, 'sealed' | 'tenantId' | 'clientId'> {
  text: string;
}

/** The additional authenticated data of a client's alerts and of one note. */
export const alertsContext = (tenantId: string, clientId: string): string => `${tenantId}/${clientId}/alerts`;
export const noteContext = (tenantId: string, clientId: string, noteId: string): string => `${tenantId}/${clientId}/notes/${noteId}`;
