import { identityApi } from '@homi/contracts';
import { PROBLEM_TYPE_BASE } from '../problem';
import { getFromService, problemTypeOf, type ServiceEndpoint } from './service-auth';

/** Where a user's mail goes: identity, which holds the address (ADR 43, ADR 51). */
export interface MailContacts {
  /** The user's address, or undefined when identity will not mail them. Throws when identity cannot answer now. */
  addressOf(userId: string): Promise<string | undefined>;
}

/**
 * A user's address from identity's internal route, asked with the calling service's bound credential
 * (ADR 38); identity admits the services that mail users (the helpdesk, privacy). Only identity's own
 * "not mailable" means no address; anything else throws and the mail is tried again later. The
 * address is personal data: errors name the status only.
 */
export function identityMailContacts(endpoint: ServiceEndpoint): MailContacts {
  return {
    async addressOf(userId) {
      const res = await getFromService(endpoint, 'identity', identityApi.identityInternalPaths.mailAddress(userId));
      if (res.status === 404 && problemTypeOf(res.body) === PROBLEM_TYPE_BASE + identityApi.USER_NOT_MAILABLE_PROBLEM) return undefined;
      if (!res.ok) throw new Error(`identity did not give the address: HTTP ${res.status}`);
      const address = identityApi.MailAddress.safeParse(res.body);
      if (!address.success || address.data.userId !== userId) throw new Error('identity answered an address of an unexpected shape');
      return address.data.email;
    },
  };
}
