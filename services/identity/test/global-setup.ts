import { ensureDevIssuerBuilt } from '@homi/dev-issuer';
import { dockerAnswers } from '@homi/testing';

/** Builds the development issuer the tests spawn, and asks once whether a Docker engine answers (for Keycloak). */
export default async function globalSetup(): Promise<void> {
  ensureDevIssuerBuilt();
  process.env.HOMI_DOCKER_ANSWERS ??= (await dockerAnswers()) ? '1' : '0';
}
