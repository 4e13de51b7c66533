import { AppError } from '@homi/service-kit';
import { recordReminderConsent } from '../domain/client';
import type { Deps } from './deps';

/** One answer for a code nobody made, a client erased since, an institute gone: the link does not work (any more). */
const invalidLink = () => new AppError('not_found', 'This unsubscribe link does not work (any more).', { type: 'unsubscribe-link-invalid' });

/** Whose link it is: the institute's name and whether the client still receives appointment mails. Changes nothing. */
export async function previewUnsubscribe(deps: Pick<Deps, 'uow' | 'unsubscribeCodes'>, code: string): Promise<{ instituteName: string; subscribed: boolean }> {
  const named = deps.unsubscribeCodes.read(code);
  if (!named) throw invalidLink();
  return deps.uow.forTenant(named.tenantId, async ({ clients, institutes }) => {
    const [client, institute] = [await clients.get(named.tenantId, named.clientId), await institutes.get(named.tenantId)];
    if (!client || !institute) throw invalidLink();
    return { instituteName: institute.name, subscribed: client.reminderConsent === true };
  });
}

/**
 * Withdraws the client's consent to appointment mails, recorded with its time (ADR 53); mails
 * already queued are then not sent, as the sender checks the consent. Again: no change.
 */
export async function unsubscribe(deps: Pick<Deps, 'uow' | 'unsubscribeCodes' | 'clock'>, code: string): Promise<void> {
  const named = deps.unsubscribeCodes.read(code);
  if (!named) throw invalidLink();
  await deps.uow.forTenant(named.tenantId, async ({ clients }) => {
    const client = await clients.get(named.tenantId, named.clientId);
    if (!client) throw invalidLink();
    recordReminderConsent(client, false, deps.clock());
  });
}
