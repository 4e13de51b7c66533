import type { Role } from '@homi/contracts';
import { AppError, forbidden } from '@homi/service-kit';
import { tenantDataApi } from '@homi/contracts';
import { overlapError, type Appointment } from '../domain/appointment';
import type { Treatment } from '../domain/treatment';
import { withinWorkingHours } from '../domain/working-hours';
import type { Deps } from './deps';
import { OVERLAP_CONSTRAINT, type Repositories } from './ports';

// What booking and moving an appointment check, shared by create-appointment and update-appointment.

/** Who books: their role decides whether they may book outside working hours. */
export interface Actor {
  role: Role;
}

const invalid = (path: string, message: string, detail: string) => new AppError('invalid', detail, { errors: [{ path, message }] });

/** The tenant's treatment to book, or 400: unknown (also another tenant's) or deactivated. */
export async function bookableTreatment(treatments: Repositories['treatments'], tenantId: string, id: string): Promise<Treatment> {
  const treatment = await treatments.get(tenantId, id);
  if (!treatment) throw invalid('treatmentId', 'no such treatment in this institute', 'The treatment does not exist.');
  if (!treatment.active) throw invalid('treatmentId', 'the treatment is deactivated', 'The treatment can no longer be booked.');
  return treatment;
}

/** 400 unless the user is a member of the institute. */
export async function assertStaffMember(deps: Deps, tenantId: string, staffId: string): Promise<void> {
  if (!(await deps.members.roleOf(tenantId, staffId))) {
    throw invalid('staffId', 'not a member of this institute', 'The staff member does not belong to this institute.');
  }
}

/**
 * Within the staff member's working hours, or booked by an owner or admin who said so
 * (`overrideWorkingHours`); otherwise 422 outside-working-hours, or 403 for an override by staff.
 */
export async function assertWorkingHours(
  workingHours: Repositories['workingHours'],
  appointment: Pick<Appointment, 'tenantId' | 'staffId' | 'startsAt' | 'endsAt'>,
  override: boolean | undefined,
  actor: Actor,
): Promise<void> {
  if (!appointment.staffId) return;
  const hours = await workingHours.get(appointment.tenantId, appointment.staffId);
  if (withinWorkingHours(hours?.periods ?? [], appointment.startsAt, appointment.endsAt)) return;
  if (!override) {
    throw new AppError('unprocessable', 'The appointment is outside the staff member\'s working hours; an owner or admin can book it with overrideWorkingHours.', {
      type: tenantDataApi.OUTSIDE_WORKING_HOURS_PROBLEM,
    });
  }
  if (actor.role !== 'owner' && actor.role !== 'admin') {
    throw forbidden('Only an owner or admin can book outside working hours.', 'working-hours-override-not-allowed');
  }
}

/** 409 appointment-overlap when the staff member already has an appointment (not cancelled) overlapping this one. */
export async function assertNoOverlap(
  appointments: Repositories['appointments'],
  appointment: Pick<Appointment, 'id' | 'tenantId' | 'staffId' | 'startsAt' | 'endsAt' | 'status'>,
): Promise<void> {
  if (!appointment.staffId || appointment.status === 'cancelled') return;
  const clash = await appointments.findOverlap(appointment.tenantId, appointment.staffId, appointment.startsAt, appointment.endsAt, appointment.id);
  if (clash) throw overlapError(clash);
}

function isOverlapViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23P01' && e.constraint === OVERLAP_CONSTRAINT;
}

/**
 * Runs a booking's unit of work. Two bookings racing for one slot both pass assertNoOverlap; the
 * database's exclusion constraint lets one commit and refuses the other (ADR 46), which becomes the
 * same 409, naming the appointment that won (committed by then, so a fresh transaction sees it).
 */
export async function guardedBooking<T>(
  deps: Deps,
  tenantId: string,
  work: (booking: { slot?: Appointment }) => Promise<T>,
): Promise<T> {
  const booking: { slot?: Appointment } = {};
  try {
    return await work(booking);
  } catch (err) {
    const slot = booking.slot;
    if (!isOverlapViolation(err) || !slot?.staffId) throw err;
    const staffId = slot.staffId;
    const winner = await deps.uow.forTenant(tenantId, ({ appointments }) =>
      appointments.findOverlap(tenantId, staffId, slot.startsAt, slot.endsAt, slot.id),
    );
    throw overlapError(winner);
  }
}
