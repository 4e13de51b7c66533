import { PrivacyStatementPublished } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { FIRST_STATEMENT_TEXT, FIRST_STATEMENT_VERSION } from '../domain/first-privacy-statement';
import { assertAcceptable, PrivacyStatement } from '../domain/privacy-statement';
import type { Deps } from './deps';
import type { Statements } from './ports';

/** Why statement work runs outside any tenant: the statements are the platform's, one for every user. */
export const PLATFORM_STATEMENTS = 'the privacy statement, which is the platform\'s and no tenant\'s';

/** The version everyone must have accepted; not_found only before the first start seeded one. */
export async function getCurrentStatement(deps: Pick<Deps, 'uow'>): Promise<PrivacyStatement> {
  const current = await deps.uow.acrossTenants(PLATFORM_STATEMENTS, ({ statements }) => statements.current());
  if (!current) throw notFound('Privacy statement');
  return current;
}

/** Every published version, newest first. */
export function listStatements(deps: Pick<Deps, 'uow'>): Promise<PrivacyStatement[]> {
  return deps.uow.acrossTenants(PLATFORM_STATEMENTS, ({ statements }) => statements.history());
}

/** On a database without any version, publishes the first one; replicas starting together publish it once. */
export async function seedFirstStatement(deps: Pick<Deps, 'uow' | 'clock'>): Promise<boolean> {
  return deps.uow.acrossTenants(PLATFORM_STATEMENTS, async ({ statements, events }) => {
    const now = deps.clock();
    const inserted = await statements.seed(new PrivacyStatement(FIRST_STATEMENT_VERSION, now, FIRST_STATEMENT_TEXT));
    if (inserted) events.publish(PrivacyStatementPublished, { version: FIRST_STATEMENT_VERSION, occurredAt: now.toISOString() });
    return inserted;
  });
}

/** Only the current version can be accepted (400 an unknown one, 409 a superseded one). */
export async function assertCurrentStatement(statements: Pick<Statements, 'get' | 'current'>, version: string, field: string): Promise<void> {
  assertAcceptable(version, (await statements.get(version)) !== null, await statements.current(), field);
}
