import { tenantDataApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';

export const MAX_APPOINTMENT_HOURS = 24;

/** A booking in the institute's agenda, with the treatment notes made for it. */
export class Appointment {
  notes: string | null = null;
  /** Null for appointments booked before treatments existed (free text only). */
  treatmentId: string | null = null;
  /** The member of the institute who treats; null for appointments booked before staff was recorded. */
  staffId: string | null = null;
  status: AppointmentStatus = 'booked';
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly clientId: string,
    public startsAt: Date,
    public endsAt: Date,
    public treatment: string,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}

/** An appointment ends after it starts and lasts at most a day. */
export function assertValidPeriod(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError('invalid', 'An appointment must end after it starts.', {
      errors: [{ path: 'endsAt', message: 'must be after startsAt' }],
    });
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_APPOINTMENT_HOURS * 3600_000) {
    throw new AppError('invalid', `An appointment lasts at most ${MAX_APPOINTMENT_HOURS} hours.`, {
      errors: [{ path: 'endsAt', message: `must be within ${MAX_APPOINTMENT_HOURS} hours of startsAt` }],
    });
  }
}

export type AppointmentStatus = tenantDataApi.AppointmentStatus;

/** Where a status may go: a booked appointment ends one way; an ended one stays as it is. */
const TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  booked: ['completed', 'cancelled', 'no-show'],
  completed: [],
  cancelled: [],
  'no-show': [],
};

/** Refuses a status change the current status does not allow with 409 invalid-status-transition; the same status again is no change. */
export function assertStatusChange(from: AppointmentStatus, to: AppointmentStatus): void {
  if (from === to || TRANSITIONS[from].includes(to)) return;
  throw new AppError('conflict', `An appointment that is ${from} cannot become ${to}.`, {
    type: tenantDataApi.INVALID_STATUS_TRANSITION_PROBLEM,
    members: { currentStatus: from },
  });
}

/** The 409 for a booking that overlaps another appointment of the same staff member, naming that one's time. */
export function overlapError(conflicting: { startsAt: Date; endsAt: Date } | null): AppError {
  const when = conflicting ? ` from ${conflicting.startsAt.toISOString()} to ${conflicting.endsAt.toISOString()}` : '';
  return new AppError('conflict', `The staff member already has an appointment${when}.`, {
    type: tenantDataApi.APPOINTMENT_OVERLAP_PROBLEM,
    members: conflicting ? { conflictStartsAt: conflicting.startsAt.toISOString(), conflictEndsAt: conflicting.endsAt.toISOString() } : {},
  });
}
