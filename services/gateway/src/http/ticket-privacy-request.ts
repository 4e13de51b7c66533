import type { RequestHandler, Response } from 'express';
import { helpdeskApi } from '@homi/contracts';
import { CALLER_HEADER, parseInput, signCaller, type CallerContextInput, type ServiceKeys } from '@homi/service-kit';
import type { StepUpPolicy } from '../domain/step-up';
import type { Upstream, UpstreamAnswer } from '../infrastructure/upstream-proxy';
import { API_PREFIX, type ApiRoute } from './api-route';
import { callerOf, upstreamHeaders } from './forward';

type Context = Omit<CallerContextInput, 'exp'>;

interface Trust {
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  stepUp: StepUpPolicy;
}

/** A service's refusal is the caller's answer, as it would be on a forwarded route. */
class Refused extends Error {
  constructor(readonly answer: UpstreamAnswer) {
    super('refused upstream');
  }
}

function relay(res: Response, answer: UpstreamAnswer): void {
  res.status(answer.status).set(answer.headers).send(answer.body);
}

/**
 * POST /tenants/:tenantId/tickets/:ticketId/privacy-request: a member turns their `my-data` ticket
 * into a privacy request about themselves (ADR 44). Each service judges the member as on its own
 * route, with the member's own caller context: the helpdesk that the ticket is theirs, of that
 * category and open; the privacy service the request, exactly as on POST /privacy/requests, where
 * the ticket id makes the request once per requester and ticket. Then the helpdesk links the ticket.
 * A failure between the steps leaves at most a request the member asked for; calling again finds
 * it and completes the link, and every call answers the same request.
 */
export function ticketPrivacyRequest(upstreams: { helpdesk: Upstream; privacy: Upstream }, route: ApiRoute, trust: Trust): RequestHandler {
  return async (req, res) => {
    const input = parseInput(helpdeskApi.TicketPrivacyRequest, req.body);
    const member = callerOf(req, route, trust.stepUp);
    if (!member?.tenantId) throw new Error('the ticket privacy request route needs requireTenantAccess before it');
    // The privacy hop carries the caller as POST /privacy/requests would: no tenant in the path.
    const { tenantId, role: _role, permissions: _permissions, support: _support, ...user } = member;
    const ticketId = String(req.params.ticketId);
    const ticketPath = `${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/tickets/${encodeURIComponent(ticketId)}/privacy-request`;
    const send = async (upstream: Upstream, context: Context, method: string, path: string, body?: unknown): Promise<unknown> => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers = { ...upstreamHeaders(req, undefined), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) };
      const credential = (to: { audience: string; path: string }) => ({ [CALLER_HEADER]: signCaller(context, trust.keys, { audience: to.audience, method, path: to.path }) });
      const answer = await upstream.call({ method, path, headers, credential, body: payload });
      if (answer.status < 200 || answer.status > 299) throw new Refused(answer);
      return JSON.parse(answer.body.toString('utf8'));
    };
    res.setHeader('Cache-Control', 'no-store');
    try {
      const { privacyRequestId: linked } = (await send(upstreams.helpdesk, member, 'GET', ticketPath)) as { privacyRequestId: string | null };
      const request = { type: input.type, subject: { kind: 'self' }, ...(input.corrections ? { corrections: input.corrections } : {}), ticketId };
      const accepted = (await send(upstreams.privacy, user, 'POST', `${API_PREFIX}/privacy/requests`, request)) as { id: string; status: string; dueAt: string };
      await send(upstreams.helpdesk, member, 'PUT', ticketPath, { privacyRequestId: accepted.id });
      res.status(linked ? 200 : 201).location(`${API_PREFIX}/privacy/requests/${accepted.id}`).json({ ticketId, privacyRequest: accepted });
    } catch (err) {
      if (err instanceof Refused) return relay(res, err.answer);
      throw err;
    }
  };
}
