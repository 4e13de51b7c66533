import { UserAccessChanged } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { assertAcceptable } from '../domain/privacy-statement';
import { StatementRepository } from '../infrastructure/statement-repository';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';

/**
 * Records that the user accepted the current version; the gateway lets them through again within a
 * second. Accepting a version again changes nothing (false).
 */
export async function acceptPrivacyStatement(deps: Deps, userId: string, version: string): Promise<boolean> {
  return deps.scopes.user(async (em) => {
    if (!(await new UserRepository(em).get(userId))) throw notFound('User');
    const statements = new StatementRepository(em);
    assertAcceptable(version, (await statements.get(version)) !== null, await statements.current(), 'version');
    const now = deps.clock();
    const created = await statements.accept(userId, version, now);
    if (created) enqueue(em, UserAccessChanged, { userId, occurredAt: now.toISOString() });
    return created;
  });
}
