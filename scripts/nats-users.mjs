// The users of the nats-server `npm start` runs (ADR 37): one per service, with the permissions
// libs/contracts declares (BUS_RIGHTS), and an all-rights `admin` for a developer's `nats` CLI.
// The passwords are made once and kept in .homi/<purpose>/nats-users.json (mode 0600), so a
// restart keeps the services' credentials; the configuration is written anew on every start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InfraError, repoRoot } from './common.mjs';

/** @typedef {{ BUS_SERVICES: readonly string[], natsServerConfig: (o: { passwords: Record<string, string>, admins?: { user: string, password: string }[] }) => string }} Contracts */

/**
 * Writes the server configuration and returns its path and each service's NATS_USER/NATS_PASSWORD.
 * @param {string} purpose
 * @returns {{ configFile: string, credentials: Record<string, { NATS_USER: string, NATS_PASSWORD: string }>, admin: { user: string, password: string } }}
 */
export function natsUsers(purpose) {
  const built = path.join(repoRoot, 'libs', 'contracts', 'dist', 'index.js');
  if (!existsSync(built)) throw new InfraError(`${built} is missing: build first (npx turbo run build)`);
  const contracts = /** @type {Contracts} */ (createRequire(import.meta.url)(built));
  const base = path.join(repoRoot, '.homi', purpose);
  mkdirSync(base, { recursive: true });
  const usersFile = path.join(base, 'nats-users.json');
  /** @type {Record<string, string>} */
  const passwords = existsSync(usersFile) ? JSON.parse(readFileSync(usersFile, 'utf8')) : {};
  for (const name of [...contracts.BUS_SERVICES, 'admin']) passwords[name] ??= randomBytes(24).toString('base64url');
  writeFileSync(usersFile, JSON.stringify(passwords, null, 2) + '\n', { mode: 0o600 });
  const admin = { user: 'admin', password: passwords.admin ?? '' };
  const configFile = path.join(base, 'nats-server.conf');
  writeFileSync(configFile, contracts.natsServerConfig({ passwords, admins: [admin] }), { mode: 0o600 });
  /** @type {Record<string, { NATS_USER: string, NATS_PASSWORD: string }>} */
  const credentials = {};
  for (const name of contracts.BUS_SERVICES) credentials[name] = { NATS_USER: name, NATS_PASSWORD: passwords[name] ?? '' };
  return { configFile, credentials, admin };
}
