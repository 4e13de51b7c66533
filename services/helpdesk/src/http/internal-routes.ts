import { Router } from 'express';
import { helpdeskApi, ticketId as ticketIdSchema } from '@homi/contracts';
import { onlyServices, requireService, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getTicketFacts } from '../application/ticket-facts';
import { ticketNotFound } from '../application/tickets';

/**
 * Routes other services call with a bound service credential (ADR 38), outside /api/v1: the gateway
 * only forwards /api/v1/..., so no user reaches them through it.
 */
export function internalRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();

  // identity checks the ticket a support access request cites, and shows the owner its subject (ADR 43).
  router.get(helpdeskApi.helpdeskInternalPaths.ticket(':ticketId'), requireService(verifier), onlyServices('identity'), async (req, res) => {
    const ticketId = ticketIdSchema.safeParse(req.params.ticketId);
    if (!ticketId.success) throw ticketNotFound();
    res.set('Cache-Control', 'no-store').json(await getTicketFacts(deps, ticketId.data));
  });

  return router;
}
