import { Router } from 'express';
import { mailLocaleOf } from '@homi/mail';
import { identityApi } from '@homi/contracts';
import { parseInput } from '@homi/service-kit';
import { acceptPrivacyStatement } from '../application/accept-privacy-statement';
import { cancelEmailChange } from '../application/cancel-email-change';
import { confirmEmailChange } from '../application/confirm-email-change';
import type { Deps } from '../application/deps';
import { getMe } from '../application/get-me';
import { requestAccountDeletion } from '../application/request-account-deletion';
import { updateMe } from '../application/update-me';
import { presentMe } from './presenters';

/** The language of the caller's mails: what their request prefers (the gateway passes Accept-Language on), Dutch by default. */

/** /me — the caller's own account; user-scoped, no tenant (requireCaller runs before). */
export function meRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(presentMe(await getMe(deps, req.caller.userId)));
  });

  router.patch('/', async (req, res) => {
    const changes = parseInput(identityApi.UpdateMe, req.body);
    res.json(presentMe(await updateMe(deps, req.caller.userId, changes, mailLocaleOf(req))));
  });

  router.post('/email-confirmations', async (req, res) => {
    const { token } = parseInput(identityApi.MailTokenBody, req.body);
    res.json(presentMe(await confirmEmailChange(deps, req.caller.userId, token, mailLocaleOf(req))));
  });

  router.delete('/pending-email', async (req, res) => {
    await cancelEmailChange(deps, req.caller.userId);
    res.status(204).end();
  });

  router.delete('/', async (req, res) => {
    const { erasureRequestId } = await requestAccountDeletion(deps, req.caller.userId);
    res.status(202).json({ erasureRequestId, status: 'accepted' });
  });

  router.post('/privacy-statement-acceptances', async (req, res) => {
    const { version } = parseInput(identityApi.AcceptPrivacyStatement, req.body);
    // 204 whether it is new or was accepted before: accepting is idempotent.
    await acceptPrivacyStatement(deps, req.caller.userId, version);
    res.status(204).end();
  });

  return router;
}
