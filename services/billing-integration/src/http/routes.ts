import { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import { billingApi } from '@homi/contracts';
import { AppError, hasAccess, parseInput, requireCaller, requireModule, tenantCaller, pathId, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { connectFactuurSturen } from '../application/connect-factuursturen';
import { createAppointmentInvoice } from '../application/create-appointment-invoice';
import { createInvoice } from '../application/create-invoice';
import { disconnectFactuurSturen } from '../application/disconnect-factuursturen';
import { getConnection } from '../application/get-connection';
import { getInvoice, listInvoices } from '../application/get-invoice';
import { presentConnection, presentInvoice } from './presenters';

const TENANT = '/api/v1/tenants/:tenantId';

/**
 * Connecting an account and consenting to share client data with it are the controller's decisions:
 * the owner's, never a colleague's with invoicing rights (nor a support user's, who is never an owner).
 */
function requireOwner(req: Request, _res: Response, next: NextFunction): void {
  if (tenantCaller(req).role !== 'owner' || req.caller.support) {
    throw new AppError('forbidden', 'Only an owner of the institute may connect or disconnect the invoicing account.', { type: 'role-required' });
  }
  next();
}

/** A body naming an appointment asks for the appointment's invoice (ADR 55); any other is a client with lines. */
const isAppointmentBody = (body: unknown) => typeof body === 'object' && body !== null && !Array.isArray(body) && 'appointmentId' in body;

/** The body, once the caller is known to see the agenda: invoicing an appointment acts on it, so it needs agenda:view too. */
function mayReadAgenda(req: Request): unknown {
  if (!hasAccess(req.caller, 'agenda', 'view')) throw new AppError('forbidden', 'Invoicing an appointment needs agenda:view.', { type: 'module-permission-required' });
  return req.body;
}

/**
 * billing-integration's routes. Each needs the gateway's signed caller context for the tenant in
 * the path; the invoicing module (and the owner's role for the connection, clients:view for a new
 * invoice, which sends the client's details, agenda:view for an appointment's) is checked again here (defence in depth; the gateway checks first).
 */
export function mountRoutes(app: Express, deps: Deps, verifier: ServiceVerifier): void {
  app.use(TENANT, requireCaller(verifier));
  const view = requireModule('invoicing', 'view');
  const edit = requireModule('invoicing', 'edit');
  const caller = (req: Request) => tenantCaller(req);

  const integration = Router({ mergeParams: true });
  integration.get('/', view, async (req, res) => {
    res.json(presentConnection(await getConnection(deps, caller(req).tenantId)));
  });
  integration.put('/', requireOwner, async (req, res) => {
    const input = parseInput(billingApi.ConnectFactuurSturen, req.body);
    const { tenantId, userId } = caller(req);
    res.json(presentConnection(await connectFactuurSturen(deps, tenantId, userId, input)));
  });
  integration.delete('/', requireOwner, async (req, res) => {
    const { tenantId, userId } = caller(req);
    await disconnectFactuurSturen(deps, tenantId, userId);
    res.status(204).end();
  });
  app.use(`${TENANT}/integrations/factuursturen`, integration);

  const invoices = Router({ mergeParams: true });
  invoices.get('/', view, async (req, res) => {
    const query = parseInput(billingApi.ListInvoicesQuery, req.query, 'query');
    const page = await listInvoices(deps, caller(req).tenantId, query);
    res.json({ items: page.items.map(presentInvoice), nextCursor: page.nextCursor });
  });
  invoices.post('/', edit, requireModule('clients', 'view'), async (req, res) => {
    const { tenantId, userId } = caller(req);
    const invoice = isAppointmentBody(req.body)
      ? await createAppointmentInvoice(deps, tenantId, userId, parseInput(billingApi.CreateInvoiceFromAppointment, mayReadAgenda(req)))
      : await createInvoice(deps, tenantId, userId, parseInput(billingApi.CreateInvoice, req.body));
    res.status(202).location(`${req.baseUrl}/${invoice.id}`).json(presentInvoice(invoice));
  });
  invoices.get('/:invoiceId', view, async (req, res) => {
    res.json(presentInvoice(await getInvoice(deps, caller(req).tenantId, pathId(req, 'invoiceId', 'inv', 'Invoice'))));
  });
  app.use(`${TENANT}/invoices`, invoices);
}
