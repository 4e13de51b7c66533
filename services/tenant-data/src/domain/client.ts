import type { common } from '@homi/contracts';
import type { z } from 'zod';

export type Address = z.infer<typeof common.address>;

/** One of the institute's own customers. All personal data of a client lives in this row. */
export class Client {
  email: string | null = null;
  phone: string | null = null;
  dateOfBirth: string | null = null;
  address: Address | null = null;
  notes: string | null = null;
  /** The natural key of the file row it was imported from (ADR 49); null for a client added by hand. */
  importKey: string | null = null;
  /** Whether the client agreed to appointment mails (ADR 53); null: never asked. */
  reminderConsent: boolean | null = null;
  /** When that consent was given or withdrawn. */
  reminderConsentAt: Date | null = null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * The start of the client's retention period: the latest of their last change, an appointment's
   * change and an appointment's end. Inactive for the declared period, the client is erased.
   */
  lastActivityAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    public name: string,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
    this.lastActivityAt = now;
  }
}

export type ClientFields = Pick<Client, 'name' | 'email' | 'phone' | 'dateOfBirth' | 'address' | 'notes'>;

/** Applies a partial change; `undefined` leaves a field as it is, `null` clears it. */
export function applyClientChanges(client: Client, changes: Partial<ClientFields>, now: Date): boolean {
  let changed = false;
  for (const key of ['name', 'email', 'phone', 'dateOfBirth', 'address', 'notes'] as const) {
    const value = changes[key];
    if (value === undefined) continue;
    if (JSON.stringify(client[key]) !== JSON.stringify(value)) {
      (client as unknown as Record<string, unknown>)[key] = value;
      changed = true;
    }
  }
  if (changed) {
    client.updatedAt = now;
    client.lastActivityAt = latest(client.lastActivityAt, now);
  }
  return changed;
}

/**
 * Records the client's answer to appointment mails with its time. The same answer again changes
 * nothing, so the recorded time stays the moment of the decision.
 */
export function recordReminderConsent(client: Client, given: boolean, now: Date): boolean {
  if (client.reminderConsent === given) return false;
  client.reminderConsent = given;
  client.reminderConsentAt = now;
  client.updatedAt = now;
  client.lastActivityAt = latest(client.lastActivityAt, now);
  return true;
}

/** Whether appointment mails may go to the client now: an address and the consent given. */
export const mayMailAboutAppointments = (client: Pick<Client, 'email' | 'reminderConsent'>): boolean => Boolean(client.email) && client.reminderConsent === true;

export const latest = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
