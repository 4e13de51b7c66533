import { AppError } from '@homi/service-kit';
import { identityApi } from '@homi/contracts';
import type { Deps } from './deps';

const NOTICE = 'the helpdesk and privacy mail notices to users of whichever institute';

/**
 * Where the helpdesk (a reply notice, ADR 43) or privacy (a notice of a request, ADR 51) mails a
 * user: the address of an active account that has not asked to be forgotten, else not_found with its
 * own problem type (the notice is then dropped).
 */
export async function getMailAddress(deps: Pick<Deps, 'uow'>, userId: string): Promise<{ userId: string; email: string }> {
  const user = await deps.uow.acrossTenants(NOTICE, ({ users }) => users.get(userId));
  if (!user || user.status !== 'active' || user.deletionRequestedAt) {
    throw new AppError('not_found', 'User was not found', { type: identityApi.USER_NOT_MAILABLE_PROBLEM });
  }
  return { userId: user.id, email: user.email };
}
