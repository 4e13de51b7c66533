import type { Logger } from '@homi/service-kit';
import type { IdentityProvider } from '../application/ports';
import type { Config } from '../config';
import { DevIssuerIdentityProvider } from './dev-issuer-identity-provider';
import { KeycloakIdentityProvider } from './keycloak-identity-provider';

/** The adapter IDENTITY_PROVIDER names; config.ts has made sure its settings are present. */
export function identityProviderFrom(config: Config, logger: Logger): IdentityProvider {
  if (config.IDENTITY_PROVIDER === 'keycloak') {
    return new KeycloakIdentityProvider({
      baseUrl: config.KEYCLOAK_URL as string,
      realm: config.KEYCLOAK_REALM,
      clientId: config.KEYCLOAK_ADMIN_CLIENT_ID,
      clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET as string,
    });
  }
  return new DevIssuerIdentityProvider({ baseUrl: config.DEV_ISSUER_URL, adminSecret: config.DEV_ISSUER_ADMIN_SECRET as string, logger, realm: config.KEYCLOAK_REALM });
}
