import { identityApi } from '@homi/contracts';
import { getFromService, PROBLEM_TYPE_BASE, problemTypeOf, type ServiceEndpoint } from '@homi/service-kit';
import type { MailContacts } from '../application/ports';

/**
 * A user's address from identity's internal route, asked with the helpdesk's bound service credential
 * (ADR 38). Only identity's own "not mailable" means no address; anything else throws and the notice
 * is tried again later. The address is personal data: errors name the status only.
 */
export class IdentityMailContacts implements MailContacts {
  constructor(private readonly endpoint: ServiceEndpoint) {}

  async addressOf(userId: string): Promise<string | undefined> {
    const res = await getFromService(this.endpoint, 'identity', identityApi.identityInternalPaths.mailAddress(userId));
    if (res.status === 404 && problemTypeOf(res.body) === PROBLEM_TYPE_BASE + identityApi.USER_NOT_MAILABLE_PROBLEM) return undefined;
    if (!res.ok) throw new Error(`identity did not give the address: HTTP ${res.status}`);
    const address = identityApi.MailAddress.safeParse(res.body);
    if (!address.success || address.data.userId !== userId) throw new Error('identity answered an address of an unexpected shape');
    return address.data.email;
  }
}
