import { Router, type Request } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { hasAccess, parseInput, requireModule, tenantCaller, pathId } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { createAppointment } from '../application/create-appointment';
import { deleteAppointment } from '../application/delete-appointment';
import { getAppointment } from '../application/get-appointment';
import { listAppointments } from '../application/list-appointments';
import { updateAppointment } from '../application/update-appointment';
import { presentAppointment, presentAppointmentListItem } from './presenters';

/** /tenants/:tenantId/appointments — the agenda. Client contacts are masked without clients:view. */
export function appointmentsRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const view = requireModule('agenda', 'view');
  const edit = requireModule('agenda', 'edit');
  const canViewClients = (req: Request) => hasAccess(req.caller, 'clients', 'view');
  const id = (req: Request) => pathId(req, 'appointmentId', 'apt', 'Appointment');

  router.get('/', view, async (req, res) => {
    const query = parseInput(tenantDataApi.ListAppointmentsQuery, req.query, 'query');
    const page = await listAppointments(deps, tenantCaller(req).tenantId, query);
    const items = page.items.map(({ appointment, client }) => presentAppointmentListItem(appointment, client, canViewClients(req)));
    res.json({ items, nextCursor: page.nextCursor });
  });

  router.post('/', edit, async (req, res) => {
    const input = parseInput(tenantDataApi.CreateAppointment, req.body);
    const created = await createAppointment(deps, tenantCaller(req).tenantId, input, tenantCaller(req));
    const { appointment, client, notes } = await getAppointment(deps, tenantCaller(req).tenantId, created.id);
    res.status(201).location(`${req.baseUrl}/${appointment.id}`).json(presentAppointment(appointment, client, canViewClients(req), notes));
  });

  router.get('/:appointmentId', view, async (req, res) => {
    const { appointment, client, notes } = await getAppointment(deps, tenantCaller(req).tenantId, id(req));
    res.json(presentAppointment(appointment, client, canViewClients(req), notes));
  });

  router.patch('/:appointmentId', edit, async (req, res) => {
    const appointmentId = id(req);
    const changes = parseInput(tenantDataApi.UpdateAppointment, req.body);
    await updateAppointment(deps, tenantCaller(req).tenantId, appointmentId, changes, tenantCaller(req));
    const { appointment, client, notes } = await getAppointment(deps, tenantCaller(req).tenantId, appointmentId);
    res.json(presentAppointment(appointment, client, canViewClients(req), notes));
  });

  router.delete('/:appointmentId', edit, async (req, res) => {
    await deleteAppointment(deps, tenantCaller(req).tenantId, id(req));
    res.status(204).end();
  });

  return router;
}
