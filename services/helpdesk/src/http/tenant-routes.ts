import { Router, type Request } from 'express';
import { helpdeskApi } from '@homi/contracts';
import { forbidden, parseInput, pathId, tenantCaller } from '@homi/service-kit';
import { mailLocaleOf } from '@homi/mail';
import type { Deps } from '../application/deps';
import { closeTicket, getTicket, listTickets, openTicket, replyAsMember, type Member } from '../application/tickets';
import { linkPrivacyRequest, privacyRequestOfTicket } from '../application/ticket-privacy-request';
import { presentMessage, presentTicket, presentTicketWithMessages } from './presenters';

/**
 * The member whose institute is in the path. A support user under a grant (ADR 14) is no member of
 * the institute: tickets are the institute's conversation with support, not something support
 * works in on the institute's behalf. The gateway never forwards such a call here either.
 */
function memberOf(req: Request): Member {
  const caller = tenantCaller(req);
  if (caller.support) throw forbidden('Support users work tickets through /support/tickets.', 'support-access-not-for-tickets');
  return { userId: caller.userId, tenantId: caller.tenantId, role: caller.role };
}

const ticketIdOf = (req: Request) => pathId(req, 'ticketId', 'tkt', 'Ticket');

/** /tenants/:tenantId/tickets — an institute's members and their tickets; any member may open one. */
export function tenantTicketRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const query = parseInput(helpdeskApi.ListTicketsQuery, req.query, 'query');
    const page = await listTickets(deps, memberOf(req), query);
    res.json({ items: page.items.map(presentTicket), nextCursor: page.nextCursor });
  });

  router.post('/', async (req, res) => {
    const member = memberOf(req);
    const input = parseInput(helpdeskApi.OpenTicket, req.body);
    // The opener's language, for the mails that tell them of support's replies.
    const locale = mailLocaleOf(req);
    const { ticket, messages } = await openTicket(deps, member, input, locale);
    res.status(201).location(`${req.baseUrl}/${ticket.id}`).json(presentTicketWithMessages(ticket, messages));
  });

  router.get('/:ticketId', async (req, res) => {
    const { ticket, messages } = await getTicket(deps, memberOf(req), ticketIdOf(req));
    res.json(presentTicketWithMessages(ticket, messages));
  });

  router.post('/:ticketId/messages', async (req, res) => {
    const member = memberOf(req);
    const ticketId = ticketIdOf(req);
    const { message } = parseInput(helpdeskApi.PostMessage, req.body);
    res.status(201).json(presentMessage(await replyAsMember(deps, member, ticketId, message), 'institute'));
  });

  router.post('/:ticketId/close', async (req, res) => {
    res.json(presentTicket(await closeTicket(deps, memberOf(req), ticketIdOf(req))));
  });

  // Turning a my-data ticket into a privacy request (ADR 44). Not in the gateway's route table: the
  // gateway's orchestration of POST …/privacy-request calls these with the member's own context.
  router.get('/:ticketId/privacy-request', async (req, res) => {
    res.json({ privacyRequestId: await privacyRequestOfTicket(deps, memberOf(req), ticketIdOf(req)) });
  });

  router.put('/:ticketId/privacy-request', async (req, res) => {
    const member = memberOf(req);
    const ticketId = ticketIdOf(req);
    const { privacyRequestId } = parseInput(helpdeskApi.LinkTicketPrivacyRequest, req.body);
    res.json(presentTicket(await linkPrivacyRequest(deps, member, ticketId, privacyRequestId)));
  });

  return router;
}
