import { AppError } from '@homi/service-kit';

export const MAX_APPOINTMENT_HOURS = 24;

/** A booking in the institute's agenda, with the treatment notes made for it. */
export class Appointment {
  notes: string | null = null;
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
