import { notFound } from '@homi/service-kit';
import type { billingApi } from '@homi/contracts';
import { alreadyInvoiced, appointmentLines, invoiceableTreatment } from '../domain/appointment-invoice';
import { Invoice } from '../domain/invoice';
import { assertReadyToInvoice } from './create-invoice';
import type { Deps } from './deps';
import { ONE_INVOICE_PER_APPOINTMENT } from './ports';

function isOneInvoicePerAppointmentViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === ONE_INVOICE_PER_APPOINTMENT;
}

/**
 * Invoices one appointment to its client, the line taken from its treatment's price and VAT rate as
 * tenant-data holds them (ADR 55), and hands it to the worker like any invoice (ADR 18). At most one
 * invoice per appointment that is not failed: a second attempt, also one racing the first, is 409
 * naming the invoice. 404 for an appointment the tenant does not hold, 422 for one that cannot be
 * invoiced; every refusal stores nothing.
 */
export async function createAppointmentInvoice(deps: Deps, tenantId: string, userId: string, input: billingApi.CreateInvoiceFromAppointment): Promise<Invoice> {
  const { appointmentId } = input;
  // Asked before the unit of work: no call to another service while a transaction is open.
  const appointment = await deps.appointments.get(tenantId, appointmentId);
  if (!appointment) throw notFound('Appointment');
  const lines = appointmentLines(invoiceableTreatment(appointment), new Date(appointment.startsAt));
  let invoice: Invoice;
  try {
    invoice = await deps.uow.forTenant(tenantId, async ({ connections, invoices }) => {
      await assertReadyToInvoice(connections, tenantId);
      const existing = await invoices.ofAppointment(tenantId, appointmentId);
      if (existing) throw alreadyInvoiced(existing.id);
      const created = new Invoice(deps.newId('inv'), tenantId, appointment.clientId, lines, input.sendByEmail, userId, deps.clock());
      created.appointmentId = appointmentId;
      invoices.add(created);
      return created;
    });
  } catch (err) {
    // Two requests at once both found none; the unique index let one commit. Name that one (committed by now).
    if (!isOneInvoicePerAppointmentViolation(err)) throw err;
    const winner = await deps.uow.forTenant(tenantId, ({ invoices }) => invoices.ofAppointment(tenantId, appointmentId));
    throw alreadyInvoiced(winner?.id);
  }
  deps.kickIssuer();
  return invoice;
}
