import { PrivacyStatementPublished } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { FIRST_STATEMENT_TEXT, FIRST_STATEMENT_VERSION } from '../domain/first-privacy-statement';
import { PrivacyStatement } from '../domain/privacy-statement';
import { StatementRepository } from '../infrastructure/statement-repository';
import type { Deps } from './deps';

/** The version everyone must have accepted; not_found only before the first start seeded one. */
export async function getCurrentStatement(deps: Deps): Promise<PrivacyStatement> {
  const current = await deps.scopes.user((em) => new StatementRepository(em).current());
  if (!current) throw notFound('Privacy statement');
  return current;
}

/** Every published version, newest first. */
export function listStatements(deps: Deps): Promise<PrivacyStatement[]> {
  return deps.scopes.user((em) => new StatementRepository(em).history());
}

/** On a database without any version, publishes the first one; replicas starting together publish it once. */
export async function seedFirstStatement(deps: Deps): Promise<boolean> {
  return deps.scopes.user(async (em) => {
    const now = deps.clock();
    const inserted = await new StatementRepository(em).seed(new PrivacyStatement(FIRST_STATEMENT_VERSION, now, FIRST_STATEMENT_TEXT));
    if (inserted) enqueue(em, PrivacyStatementPublished, { version: FIRST_STATEMENT_VERSION, occurredAt: now.toISOString() });
    return inserted;
  });
}
