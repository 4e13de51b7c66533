import path from 'node:path';
import { createLogger } from '@homi/service-kit';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { decodeClaims, passwordGrant } from '@homi/testing';
import { DevIssuerIdentityProvider } from '../src/infrastructure/dev-issuer-identity-provider';
import { InMemoryIdentityProvider } from '../src/application/in-memory-identity-provider';
import { KeycloakIdentityProvider } from '../src/infrastructure/keycloak-identity-provider';
import { identityProviderContract, type ContractTarget } from './identity-provider.contract';

const silent = createLogger({ service: 'test', level: 'silent' });

/** A password login against an issuer; the realm roles of the access token, or undefined when refused. */
function loginAt(issuer: string) {
  return async (email: string, password: string) => {
    try {
      const tokens = await passwordGrant(issuer, email, password);
      return (decodeClaims(tokens.access_token).realm_access as { roles: string[] }).roles;
    } catch {
      return undefined;
    }
  };
}

describe('in-memory identity provider (the unit tests\' fake)', () => {
  identityProviderContract(async () => {
    const idp = new InMemoryIdentityProvider();
    return { idp, login: async (e, p) => idp.login(e, p), stop: async () => undefined };
  }, { enforcesPasswordPolicy: true, keepsProposedIds: true });
});

describe('development issuer adapter against a spawned development issuer', () => {
  identityProviderContract(async () => {
    const issuer = await spawnDevIssuer();
    const idp = new DevIssuerIdentityProvider({ baseUrl: issuer.url, adminSecret: issuer.adminSecret, logger: silent });
    return { idp, login: loginAt(issuer.issuer), stop: () => issuer.stop() };
  }, { enforcesPasswordPolicy: true, keepsProposedIds: true });
});

// The official client speaks to the development issuer's Keycloak-compatible admin API as well.
// That issuer has no password policy of its own, so that behaviour is Keycloak's alone.
describe('Keycloak adapter (official admin client) against a spawned development issuer', () => {
  identityProviderContract(async () => {
    const issuer = await spawnDevIssuer();
    const idp = new KeycloakIdentityProvider({ baseUrl: issuer.url, realm: 'homi', clientId: 'homi-admin', clientSecret: issuer.adminSecret });
    return { idp, login: loginAt(issuer.issuer), stop: () => issuer.stop() };
  }, { enforcesPasswordPolicy: false, keepsProposedIds: false });
});

const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.4';
const realKeycloak = process.env.KEYCLOAK_URL ? 'url' : process.env.HOMI_DOCKER_ANSWERS === '1' ? 'container' : undefined;
const describeKeycloak = realKeycloak ? describe : describe.skip;

describeKeycloak(`Keycloak adapter against a real Keycloak${realKeycloak ? ` (${realKeycloak === 'url' ? 'KEYCLOAK_URL' : KEYCLOAK_IMAGE})` : ' (skipped: set KEYCLOAK_URL and KEYCLOAK_ADMIN_CLIENT_SECRET, or start a Docker engine)'}`, () => {
  identityProviderContract(async () => {
    const { url, secret, stop } = realKeycloak === 'url'
      ? { url: process.env.KEYCLOAK_URL as string, secret: process.env.KEYCLOAK_ADMIN_CLIENT_SECRET ?? '', stop: async () => undefined }
      : await startKeycloakContainer();
    const idp = new KeycloakIdentityProvider({ baseUrl: url, realm: 'homi', clientId: 'homi-admin', clientSecret: secret });
    return { idp, login: loginAt(`${url}/realms/homi`), stop } satisfies ContractTarget;
  }, { enforcesPasswordPolicy: true, keepsProposedIds: false });
});

/** Keycloak with the realm from deploy/keycloak, as docker compose runs it. */
async function startKeycloakContainer() {
  const { GenericContainer, Wait } = await import('testcontainers');
  const secret = 'homi-admin-contract-test-secret';
  const container = await new GenericContainer(KEYCLOAK_IMAGE)
    .withCommand(['start-dev', '--import-realm'])
    .withEnvironment({ KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin', HOMI_ADMIN_CLIENT_SECRET: secret })
    .withCopyFilesToContainer([{ source: path.resolve(__dirname, '../../../deploy/keycloak/homi-realm.json'), target: '/opt/keycloak/data/import/homi-realm.json' }])
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp('/realms/homi/.well-known/openid-configuration', 8080).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return { url: `http://${container.getHost()}:${container.getMappedPort(8080)}`, secret, stop: async () => void (await container.stop()) };
}
