import { ensureDevIssuerBuilt } from '@homi/dev-issuer';
import { dockerAnswers } from '@homi/testing';
import claimNamespace from '../../../libs/testing/jest/global-setup';

/** The run's NATS namespace (ADR 37); builds the development issuer the tests spawn, and asks once whether a Docker engine answers (for Keycloak). */
export default async function globalSetup(): Promise<void> {
  claimNamespace();
  ensureDevIssuerBuilt();
  process.env.HOMI_DOCKER_ANSWERS ??= (await dockerAnswers()) ? '1' : '0';
}
