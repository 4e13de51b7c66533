import { Router, type Request } from 'express';
import { identityApi } from '@homi/contracts';
import { parseInput, requireCaller, requireModule, tenantCaller, pathId, type ServiceVerifier } from '@homi/service-kit';
import { acceptInvitation } from '../application/accept-invitation';
import { declineInvitation } from '../application/decline-invitation';
import type { Deps } from '../application/deps';
import { listInvitations } from '../application/list-invitations';
import { previewInvitation } from '../application/preview-invitation';
import { revokeInvitation } from '../application/revoke-invitation';
import { signUpByInvitation } from '../application/sign-up-by-invitation';
import { presentInvitation, presentInvitationPreview } from './presenters';

/**
 * /tenants/:tenantId/invitations — the institute's open invitations (POST …/members makes them).
 * `users:view` lists, `users:edit` withdraws.
 */
export function tenantInvitationRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  router.get('/', requireModule('users', 'view'), async (req, res) => {
    const { tenantId } = tenantCaller(req);
    res.json({ items: (await listInvitations(deps, tenantId)).map(presentInvitation) });
  });
  router.delete('/:invitationId', requireModule('users', 'edit'), async (req: Request<{ invitationId: string }>, res) => {
    const { tenantId, userId } = tenantCaller(req);
    await revokeInvitation(deps, tenantId, userId, pathId(req, 'invitationId', 'ivt', 'Invitation'));
    res.status(204).end();
  });
  return router;
}

/**
 * What the holder of an invitation's code does: look at it, decline it, or sign up through it (no
 * account needed: the code is the proof), or accept it signed in. The code travels in the body,
 * never in a URL that logs would keep.
 */
export function inviteeRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();
  router.post('/invitation-lookups', async (req, res) => {
    const { token } = parseInput(identityApi.MailTokenBody, req.body);
    res.json(presentInvitationPreview(await previewInvitation(deps, token)));
  });
  router.post('/invitation-declines', async (req, res) => {
    const { token } = parseInput(identityApi.MailTokenBody, req.body);
    await declineInvitation(deps, token);
    res.status(204).end();
  });
  router.post('/invitation-signups', async (req, res) => {
    const input = parseInput(identityApi.InvitationSignup, req.body);
    res.status(201).json(await signUpByInvitation(deps, input));
  });
  router.post('/invitation-acceptances', requireCaller(verifier), async (req, res) => {
    const { token } = parseInput(identityApi.MailTokenBody, req.body);
    const { tenantId, membership } = await acceptInvitation(deps, req.caller.userId, token);
    res.json({ tenantId, role: membership.role, permissions: membership.permissions });
  });
  return router;
}
