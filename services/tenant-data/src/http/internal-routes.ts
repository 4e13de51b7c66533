import { Router, type NextFunction, type Request, type Response } from 'express';
import { tenantDataApi, tenantId as tenantIdSchema } from '@homi/contracts';
import { AppError, forbidden, isAppError, isId, requireService, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getClient } from '../application/get-client';
import { getInvoiceableAppointment } from '../application/get-appointment';

/** After requireService: refuses a validly signed call from any service not named here. */
function onlyServices(...allowed: string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!allowed.includes(req.service ?? '')) throw forbidden('This route is not for this service.', 'service-not-allowed');
    next();
  };
}

const clientNotFound = () => new AppError('not_found', 'Client was not found', { type: tenantDataApi.CLIENT_NOT_FOUND_PROBLEM });
const appointmentNotFound = () => new AppError('not_found', 'Appointment was not found', { type: tenantDataApi.APPOINTMENT_NOT_FOUND_PROBLEM });

/**
 * Routes other services call with a signed service credential (X-Homi-Service), outside /api/v1:
 * the gateway only forwards /api/v1/..., so no user reaches them through it.
 */
export function internalRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();

  // billing-integration fetches a client's invoiceable details when it shares them with the
  // invoicing provider (the events it consumes are thin).
  router.get(tenantDataApi.tenantDataInternalPaths.client(':tenantId', ':clientId'), requireService(verifier), onlyServices('billing-integration'), async (req, res) => {
    const tenantId = tenantIdSchema.safeParse(req.params.tenantId);
    const clientId = String(req.params.clientId);
    if (!tenantId.success || !isId(clientId, 'cli')) throw clientNotFound();
    const client = await getClient(deps, tenantId.data, clientId).catch((err: unknown) => {
      throw isAppError(err) && err.kind === 'not_found' ? clientNotFound() : err;
    });
    const body: tenantDataApi.InvoiceableClient = { id: client.id, name: client.name, email: client.email, phone: client.phone, address: client.address };
    res.set('Cache-Control', 'no-store').json(body);
  });

  // billing-integration invoices an appointment from what is held here: its client and its treatment's
  // price and VAT rate (ADR 55). Only within the path's tenant: another tenant's appointment is not found.
  router.get(tenantDataApi.tenantDataInternalPaths.appointment(':tenantId', ':appointmentId'), requireService(verifier), onlyServices('billing-integration'), async (req, res) => {
    const tenantId = tenantIdSchema.safeParse(req.params.tenantId);
    const appointmentId = String(req.params.appointmentId);
    if (!tenantId.success || !isId(appointmentId, 'apt')) throw appointmentNotFound();
    const found = await getInvoiceableAppointment(deps, tenantId.data, appointmentId);
    if (!found) throw appointmentNotFound();
    const { appointment, treatment } = found;
    const body: tenantDataApi.InvoiceableAppointment = {
      id: appointment.id,
      clientId: appointment.clientId,
      status: appointment.status,
      startsAt: appointment.startsAt.toISOString(),
      treatment: treatment && { id: treatment.id, name: treatment.name, priceCents: treatment.priceCents, taxRate: treatment.taxRate },
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return router;
}
