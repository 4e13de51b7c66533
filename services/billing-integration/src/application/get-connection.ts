import { AppError } from '@homi/service-kit';
import { billingApi } from '@homi/contracts';
import type { ConsentRecord, Connection } from '../domain/connection';
import type { Deps } from './deps';
import type { Repositories } from './ports';

export interface ConnectionView {
  connection: Connection;
  /** The consent in force: the latest record, when it gave consent. */
  consent: ConsentRecord | null;
}

export const notConnected = () =>
  new AppError('not_found', 'No FactuurSturen account is connected', { type: billingApi.BILLING_PROBLEMS.notConnected });

/** The consent under which client data is shared now, or null when sharing is off. */
export async function consentInForce({ consents }: Pick<Repositories, 'consents'>, tenantId: string): Promise<ConsentRecord | null> {
  const latest = await consents.latest(tenantId);
  return latest?.action === 'given' ? latest : null;
}

export async function presentableConnection(repos: Pick<Repositories, 'consents'>, connection: Connection): Promise<ConnectionView> {
  return { connection, consent: connection.shareClientData ? await consentInForce(repos, connection.tenantId) : null };
}

/** The tenant's connection without its key, or not_found (`invoicing-not-connected`). */
export async function getConnection(deps: Deps, tenantId: string): Promise<ConnectionView> {
  return deps.uow.forTenant(tenantId, async (repos) => {
    const connection = await repos.connections.get(tenantId);
    if (!connection) throw notConnected();
    return presentableConnection(repos, connection);
  });
}
