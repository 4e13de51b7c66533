import { AppError } from '@homi/service-kit';
import { identityApi } from '@homi/contracts';
import type { Deps } from './deps';

const HELPDESK_NOTICE = 'the helpdesk mails a reply notice to whichever institute\'s member opened the ticket';

/**
 * Where the helpdesk mails a user a reply notice (ADR 43): the address of an active account that has
 * not asked to be forgotten, else not_found with its own problem type (the notice is then dropped).
 */
export async function getMailAddress(deps: Pick<Deps, 'uow'>, userId: string): Promise<{ userId: string; email: string }> {
  const user = await deps.uow.acrossTenants(HELPDESK_NOTICE, ({ users }) => users.get(userId));
  if (!user || user.status !== 'active' || user.deletionRequestedAt) {
    throw new AppError('not_found', 'User was not found', { type: identityApi.USER_NOT_MAILABLE_PROBLEM });
  }
  return { userId: user.id, email: user.email };
}
