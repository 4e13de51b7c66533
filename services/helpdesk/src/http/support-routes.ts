import { Router, type NextFunction, type Request, type Response } from 'express';
import { helpdeskApi } from '@homi/contracts';
import { forbidden, parseInput, pathId } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getSupportTicket, listSupportTickets, replyAsSupport, updateSupportTicket } from '../application/support-tickets';
import { presentMessage, presentSupportTicket } from './presenters';

/** Refuses the route unless the caller context carries the realm role `support` (the gateway asserts it after step-up). */
function requireSupportRole(req: Request, _res: Response, next: NextFunction): void {
  if (!req.caller.realmRoles.includes('support')) throw forbidden('This needs the support role.', 'realm-role-required');
  next();
}

const ticketIdOf = (req: Request) => pathId(req, 'ticketId', 'tkt', 'Ticket');

/** /support/tickets — HOMi support's desk: every institute's tickets, by the institute's name only. */
export function supportTicketRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireSupportRole);

  router.get('/', async (req, res) => {
    const query = parseInput(helpdeskApi.SupportListTicketsQuery, req.query, 'query');
    const page = await listSupportTickets(deps, req.caller.userId, query);
    res.json({ items: page.items.map(presentSupportTicket), nextCursor: page.nextCursor });
  });

  router.get('/:ticketId', async (req, res) => {
    const view = await getSupportTicket(deps, ticketIdOf(req));
    res.json({ ...presentSupportTicket(view), messages: view.messages.map((m) => presentMessage(m, 'support')) });
  });

  router.post('/:ticketId/messages', async (req, res) => {
    const ticketId = ticketIdOf(req);
    const { message } = parseInput(helpdeskApi.PostMessage, req.body);
    res.status(201).json(presentMessage(await replyAsSupport(deps, req.caller.userId, ticketId, message), 'support'));
  });

  router.patch('/:ticketId', async (req, res) => {
    const ticketId = ticketIdOf(req);
    const changes = parseInput(helpdeskApi.UpdateTicket, req.body);
    res.json(presentSupportTicket(await updateSupportTicket(deps, req.caller.userId, ticketId, changes)));
  });

  return router;
}
