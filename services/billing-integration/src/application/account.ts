import type { tenantDataApi } from '@homi/contracts';
import type { Connection } from '../domain/connection';
import type { Deps } from './deps';
import type { InvoicingClientDetails, InvoicingCredentials } from './ports';

/** The provider account of a connection: the API key opened for the duration of a call, never stored open. */
export function accountOf(deps: Pick<Deps, 'cipher'>, connection: Connection): InvoicingCredentials {
  const apiKey = deps.cipher.open({ keyId: connection.keyId, value: connection.apiKeySealed }, connection.tenantId);
  return { username: connection.username, apiKey };
}

/** The client fields shared with the provider (billingApi.SHARED_CLIENT_FIELDS); '' clears one there. */
export function providerDetails(client: tenantDataApi.InvoiceableClient): InvoicingClientDetails {
  const a = client.address;
  return {
    contact: client.name,
    email: client.email ?? '',
    phone: client.phone ?? '',
    address: a ? `${a.street} ${a.houseNumber}` : '',
    zipcode: a?.postcode ?? '',
    city: a?.city ?? '',
    country: a?.country ?? 'NL',
  };
}
