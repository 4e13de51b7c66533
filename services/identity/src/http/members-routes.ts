import { Router, type Request } from 'express';
import { identityApi, userId } from '@homi/contracts';
import { notFound, parseInput, requireModule, tenantCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { inviteMember } from '../application/invite-member';
import { listMembers } from '../application/members';
import { removeMember } from '../application/remove-member';
import { updateMember } from '../application/update-member';
import { presentInvitation, presentMember, presentStaffMember } from './presenters';

/** A user id in the path, or not_found: a malformed id names nobody. */
function pathUserId(req: Request): string {
  const parsed = userId.safeParse(req.params.userId);
  if (!parsed.success) throw notFound('Member');
  return parsed.data;
}

/**
 * /tenants/:tenantId/staff — every member by id and name, for the agenda's columns and staff picker:
 * agenda:view, not users:view, since a receptionist books for colleagues without managing them.
 */
export function staffRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  router.get('/', requireModule('agenda', 'view'), async (req, res) => {
    const { tenantId } = tenantCaller(req);
    res.json({ items: (await listMembers(deps, tenantId)).map(presentStaffMember) });
  });
  return router;
}

/** /tenants/:tenantId/members — colleagues, their roles and module permissions. */
export function membersRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const view = requireModule('users', 'view');
  const edit = requireModule('users', 'edit');

  router.get('/', view, async (req, res) => {
    const { tenantId } = tenantCaller(req);
    res.json({ items: (await listMembers(deps, tenantId)).map(presentMember) });
  });

  // An invitation, not a member: 202 and the same body whether or not the address has an account.
  router.post('/', edit, async (req, res) => {
    const { tenantId, userId: actorId } = tenantCaller(req);
    const input = parseInput(identityApi.AddMember, req.body);
    const invitation = await inviteMember(deps, tenantId, actorId, input);
    res.status(202).location(`/api/v1/tenants/${tenantId}/invitations/${invitation.id}`).json(presentInvitation(invitation));
  });

  router.patch('/:userId', edit, async (req, res) => {
    const { tenantId, userId: actorId } = tenantCaller(req);
    const target = pathUserId(req);
    const changes = parseInput(identityApi.UpdateMember, req.body);
    res.json(presentMember(await updateMember(deps, tenantId, actorId, target, changes)));
  });

  router.delete('/:userId', edit, async (req, res) => {
    const { tenantId, userId: actorId } = tenantCaller(req);
    await removeMember(deps, tenantId, actorId, pathUserId(req));
    res.status(204).end();
  });

  return router;
}
