import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@homi/service-kit';
import { billingApi } from '@homi/contracts';
import { ConsentRecord, type Connection } from '../domain/connection';
import { findConnection } from './account';
import type { Deps } from './deps';

export interface ConnectionView {
  connection: Connection;
  /** The consent in force: the latest record, when it gave consent. */
  consent: ConsentRecord | null;
}

export const notConnected = () =>
  new AppError('not_found', 'No FactuurSturen account is connected', { type: billingApi.BILLING_PROBLEMS.notConnected });

/** The consent under which client data is shared now, or null when sharing is off. */
export async function consentInForce(em: EntityManager, tenantId: string): Promise<ConsentRecord | null> {
  const latest = await em.findOne(ConsentRecord, { tenantId }, { orderBy: { at: 'desc', id: 'desc' } });
  return latest?.action === 'given' ? latest : null;
}

export async function presentableConnection(em: EntityManager, connection: Connection): Promise<ConnectionView> {
  return { connection, consent: connection.shareClientData ? await consentInForce(em, connection.tenantId) : null };
}

/** The tenant's connection without its key, or not_found (`invoicing-not-connected`). */
export async function getConnection(deps: Deps, tenantId: string): Promise<ConnectionView> {
  return deps.scope.run(tenantId, async (em) => {
    const connection = await findConnection(em, tenantId);
    if (!connection) throw notConnected();
    return presentableConnection(em, connection);
  });
}
