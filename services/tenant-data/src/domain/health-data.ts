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

/**
 * The older notes fields (a client's form notes, an appointment's notes; ADR 65) hold this marker and
 * a value sealed under the institute's data key. A value without it is text written before they were
 * sealed, read as it is until the start-up sealing has reached it.
 */
export const SEALED_NOTES = 'hd1:';
export const isSealedNotes = (stored: string): boolean => stored.startsWith(SEALED_NOTES);
export type NotesPlace = { client: string } | { appointment: string };
/** The additional authenticated data of a client's or an appointment's notes. */
export const notesContext = (tenantId: string, place: NotesPlace): string =>
  'client' in place ? `${tenantId}/${place.client}/client-notes` : `${tenantId}/appointments/${place.appointment}/notes`;
export const sealNotes = (cipher: DataCipher, tenantId: string, place: NotesPlace, text: string): string =>
  SEALED_NOTES + cipher.seal(text, notesContext(tenantId, place));
/** The text of stored notes: opened when sealed (throws when altered or moved), as it is when older. */
export function openNotes(cipher: DataCipher | undefined, tenantId: string, place: NotesPlace, stored: string): string {
  if (!isSealedNotes(stored)) return stored;
  if (!cipher) throw new Error('sealed notes, but the institute has no data key');
  return cipher.open(stored.slice(SEALED_NOTES.length), notesContext(tenantId, place));
}
