// Seeds what `npm start` needs beyond empty databases: each demo user's membership in the KV
// bucket the gateway reads (what the identity service would publish), and the demo tenant's
// identity.tenant.created.v1 event, from which tenant-data creates the institute profile.
// Safe to repeat: memberships are overwritten, and the event's Nats-Msg-Id is fixed.
//
//   NATS_URL=nats://127.0.0.1:4223 node scripts/seed-dev.mjs [users-file]
// The users file defaults to .homi/start/dev-users.json (written by `npm start`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import contracts from '@homi/contracts';
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { isMain, maskUrl, repoRoot, say } from './common.mjs';

const { IDENTITY_STREAM, MEMBERSHIPS_BUCKET, Membership, TenantCreated, membershipKey } = contracts;
const STREAM_NAME_IN_USE = 10058;

export const defaultUsersFile = path.join(repoRoot, '.homi', 'start', 'dev-users.json');

/**
 * users: [{ id, email, membership: { tenantId, tenantName, role, permissions } }], the format of
 * the users file (the dev issuer reads the same file and ignores `membership`).
 */
export async function seedDev({ natsUrl, users, log = (m) => say('seed', m) }) {
  const nc = await connect({ servers: natsUrl.split(','), name: 'homi-seed-dev' });
  try {
    const js = jetstream(nc);
    const kv = await new Kvm(js).create(MEMBERSHIPS_BUCKET, { history: 5 });
    const updatedAt = new Date().toISOString();
    const tenants = new Map();
    for (const user of users.filter((u) => u.membership)) {
      const { tenantId, tenantName, role, permissions } = user.membership;
      const membership = Membership.parse({ userId: user.id, tenantId, role, permissions, updatedAt });
      await kv.put(membershipKey(user.id, tenantId), JSON.stringify(membership));
      log(`membership ${user.email} → ${tenantId} as ${role}`);
      if (tenantName) tenants.set(tenantId, tenantName);
    }

    await ensureIdentityStream(await jetstreamManager(nc));
    for (const [tenantId, instituteName] of tenants) {
      const data = TenantCreated.schema.parse({ tenantId, instituteName, occurredAt: new Date().toISOString() });
      const ack = await js.publish(TenantCreated.subject, JSON.stringify(data), { msgID: `seed-${tenantId}` });
      log(`${TenantCreated.subject} for ${tenantId} (${instituteName})${ack.duplicate ? ', already published' : ''}`);
    }
  } finally {
    await nc.drain();
  }
}

async function ensureIdentityStream(jsm) {
  try {
    await jsm.streams.info(IDENTITY_STREAM.name);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
    try {
      await jsm.streams.add({ name: IDENTITY_STREAM.name, subjects: [...IDENTITY_STREAM.subjects] });
    } catch (addErr) {
      // Created by a service between our lookup and our create.
      if (!(addErr instanceof JetStreamApiError && addErr.code === STREAM_NAME_IN_USE)) throw addErr;
    }
  }
}

if (isMain(import.meta)) {
  const natsUrl = process.env.NATS_URL;
  const usersFile = process.argv[2] ?? process.env.HOMI_DEV_USERS_FILE ?? defaultUsersFile;
  if (!natsUrl) {
    say('seed', 'NATS_URL is not set: name the NATS server to seed (npm start sets it)');
    process.exit(2);
  }
  try {
    say('seed', `seeding ${maskUrl(natsUrl)} from ${usersFile}`);
    await seedDev({ natsUrl, users: JSON.parse(readFileSync(usersFile, 'utf8')) });
  } catch (err) {
    say('seed', `failed: ${err.message}`);
    process.exit(1);
  }
}
