import type { JetStreamManager } from '@nats-io/jetstream';

/**
 * How many servers keep a copy of every stream and KV bucket the platform creates (ADR 57): 1 on a
 * single nats-server (`npm start`, the tests), 3 on a three-node cluster (compose's cluster file, the
 * Helm chart). Read from the environment, as the namespace is, so every stream a service or a library
 * ensures gets the same count without each call passing it.
 */
export const NATS_REPLICAS_VARIABLE = 'NATS_REPLICAS';

/** The replica count `env` names (default 1); throws on anything but a whole number from 1 to 5. */
export function natsReplicas(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[NATS_REPLICAS_VARIABLE];
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error(`${NATS_REPLICAS_VARIABLE} must be a whole number from 1 to 5, not ${raw}`);
  return n;
}

/**
 * Brings the stream behind KV bucket `bucket` to `replicas` copies, if it has another count: what
 * the bucket's writer does after opening it (`Kvm.create` leaves an existing bucket as it is).
 */
export async function ensureBucketReplicas(jsm: JetStreamManager, bucket: string, replicas = natsReplicas()): Promise<void> {
  const stream = `KV_${bucket}`;
  const info = await jsm.streams.info(stream);
  if (info.config.num_replicas !== replicas) await jsm.streams.update(stream, { num_replicas: replicas });
}
