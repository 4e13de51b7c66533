import { UserAccessChanged } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import { assertCurrentStatement } from './privacy-statements';

/**
 * Records that the user accepted the current version; the gateway lets them through again within a
 * second. Accepting a version again changes nothing (false).
 */
export async function acceptPrivacyStatement(deps: Pick<Deps, 'uow' | 'clock'>, userId: string, version: string): Promise<boolean> {
  return deps.uow.asUser(userId, async ({ users, statements, events }) => {
    if (!(await users.get(userId))) throw notFound('User');
    await assertCurrentStatement(statements, version, 'version');
    const now = deps.clock();
    const created = await statements.accept(userId, version, now);
    if (created) events.publish(UserAccessChanged, { userId, occurredAt: now.toISOString() });
    return created;
  });
}
