import { Router } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { parseInput } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { previewUnsubscribe, unsubscribe } from '../application/unsubscribe';

/**
 * What a client does with the link in an appointment mail (ADR 53), without an account: look whose
 * link it is (changes nothing, so a mail scanner following links withdraws nothing), and withdraw
 * the consent. The code travels in the body, never in a URL that logs keep, except where RFC 8058's
 * one-click needs it in the URL.
 */
export function unsubscribeRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/reminder-unsubscribe-lookups', async (req, res) => {
    const { token } = parseInput(tenantDataApi.ReminderUnsubscribeToken, req.body);
    const body: tenantDataApi.ReminderSubscription = await previewUnsubscribe(deps, token);
    res.json(body);
  });
  router.post('/reminder-unsubscribes', async (req, res) => {
    const { token } = parseInput(tenantDataApi.ReminderUnsubscribeToken, req.body);
    await unsubscribe(deps, token);
    res.status(204).end();
  });
  // RFC 8058 one-click, posted by the mailbox provider to the mail's List-Unsubscribe URL. The code
  // is in the path there, as the RFC has it; access logs show the path's shape only. The gateway
  // hands on the form-encoded body as JSON.
  router.post('/reminder-unsubscribes/:code', async (req, res) => {
    parseInput(tenantDataApi.ReminderOneClickUnsubscribe, req.body);
    const { token } = parseInput(tenantDataApi.ReminderUnsubscribeToken, { token: req.params.code });
    await unsubscribe(deps, token);
    res.status(204).end();
  });
  return router;
}
