import { Router, type Request } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { hasAccess, parseInput, requireModule, tenantCaller, pathId } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { createClient } from '../application/create-client';
import { deleteClient } from '../application/delete-client';
import { getClientCard } from '../application/get-client';
import { listClients } from '../application/list-clients';
import { updateClient } from '../application/update-client';
import { presentClient } from './presenters';

/** /tenants/:tenantId/clients — the institute's clients. */
export function clientsRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const view = requireModule('clients', 'view');
  const edit = requireModule('clients', 'edit');
  const tenantOf = (req: Request) => tenantCaller(req).tenantId;

  router.get('/', view, async (req, res) => {
    const query = parseInput(tenantDataApi.ListClientsQuery, req.query, 'query');
    const page = await listClients(deps, tenantOf(req), query);
    const canView = hasAccess(req.caller, 'clients', 'view');
    res.json({ items: page.items.map((c) => presentClient(c, canView)), nextCursor: page.nextCursor });
  });

  router.post('/', edit, async (req, res) => {
    const input = parseInput(tenantDataApi.CreateClient, req.body);
    const client = await createClient(deps, tenantOf(req), input);
    res.status(201).location(`${req.baseUrl}/${client.id}`).json(presentClient(client, true));
  });

  router.get('/:clientId', view, async (req, res) => {
    const { client, visitCount, noShowCount } = await getClientCard(deps, tenantOf(req), pathId(req, 'clientId', 'cli', 'Client'));
    const body: tenantDataApi.ClientDetail = { ...presentClient(client, true), visitCount, noShowCount };
    res.json(body);
  });

  router.patch('/:clientId', edit, async (req, res) => {
    const clientId = pathId(req, 'clientId', 'cli', 'Client');
    const changes = parseInput(tenantDataApi.UpdateClient, req.body);
    res.json(presentClient(await updateClient(deps, tenantOf(req), clientId, changes), true));
  });

  router.delete('/:clientId', edit, async (req, res) => {
    await deleteClient(deps, tenantOf(req), pathId(req, 'clientId', 'cli', 'Client'));
    res.status(204).end();
  });

  return router;
}
