import { Router } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { parseInput, pathId, requireModule, tenantCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { addNote, listNotes, readAlerts, replaceAlerts } from '../application/health-data';

/**
 * /tenants/:tenantId/clients/:clientId/{alerts,notes} — a client's health data (ADR 50), with the
 * clients module's levels. The gateway records every call, reads too, in the institute's audit log.
 */
export function healthRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const view = requireModule('clients', 'view');
  const edit = requireModule('clients', 'edit');
  const target = (req: Parameters<typeof tenantCaller>[0]) => ({ tenantId: tenantCaller(req).tenantId, clientId: pathId(req, 'clientId', 'cli', 'Client') });

  router.get('/alerts', view, async (req, res) => {
    const { tenantId, clientId } = target(req);
    const body: tenantDataApi.ClientAlerts = { items: await readAlerts(deps, tenantId, clientId) };
    res.json(body);
  });

  router.put('/alerts', edit, async (req, res) => {
    const { tenantId, clientId } = target(req);
    const { items } = parseInput(tenantDataApi.ClientAlerts, req.body);
    res.json({ items: await replaceAlerts(deps, tenantId, clientId, items) });
  });

  router.get('/notes', view, async (req, res) => {
    const { tenantId, clientId } = target(req);
    const { general, items } = await listNotes(deps, tenantId, clientId);
    const body: tenantDataApi.ClientNoteList = { general, items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })) };
    res.json(body);
  });

  router.post('/notes', edit, async (req, res) => {
    const { tenantId, clientId } = target(req);
    const input = parseInput(tenantDataApi.CreateClientNote, req.body);
    const note = await addNote(deps, tenantId, clientId, req.caller.userId, input);
    res.status(201).json({ ...note, createdAt: note.createdAt.toISOString() });
  });

  return router;
}
