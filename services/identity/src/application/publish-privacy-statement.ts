import { PrivacyStatementPublished, type identityApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { PrivacyStatement } from '../domain/privacy-statement';
import type { Deps } from './deps';
import { PLATFORM_STATEMENTS } from './privacy-statements';
import { isUniqueViolation } from './unique-violation';

/**
 * Publishes a new version, which becomes current at once: from then on every user must accept it
 * before using tenant routes again (the gateway reads the current version from the users bucket).
 */
export async function publishPrivacyStatement(deps: Pick<Deps, 'uow' | 'clock'>, input: identityApi.PublishPrivacyStatement): Promise<PrivacyStatement> {
  try {
    return await deps.uow.acrossTenants(PLATFORM_STATEMENTS, async ({ statements, events }) => {
      if (await statements.get(input.version)) throw versionExists(input.version);
      const statement = new PrivacyStatement(input.version, deps.clock(), input.text);
      statements.add(statement);
      events.publish(PrivacyStatementPublished, { version: statement.version, occurredAt: statement.publishedAt.toISOString() });
      return statement;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw versionExists(input.version);
    throw err;
  }
}

function versionExists(version: string): AppError {
  return new AppError('conflict', `Privacy statement version ${version} was published before; versions never change.`, {
    type: 'privacy-statement-version-exists',
  });
}
