// Writes the NATS users of the deployed platform (ADR 37) from libs/contracts' BUS_RIGHTS:
// deploy/helm/homi/files/nats-users.conf, one user per service whose password nats-server reads
// from its environment ($NATS_PASSWORD_<SERVICE>). Compose mounts it, the chart puts it in a
// ConfigMap; libs/contracts' test fails when it differs from the declaration.
//   npx turbo run build --filter=@homi/contracts && node scripts/nats-config.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot, say } from './common.mjs';

const contracts = /** @type {{ DEPLOYED_NATS_USERS_FILE: string, deployedNatsUsers: () => string }} */ (
  createRequire(import.meta.url)(path.join(repoRoot, 'libs', 'contracts', 'dist', 'index.js'))
);
const file = path.join(repoRoot, contracts.DEPLOYED_NATS_USERS_FILE);
writeFileSync(file, contracts.deployedNatsUsers());
say('nats', `wrote ${path.relative(repoRoot, file)}`);
