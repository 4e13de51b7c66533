import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { ensureBucketReplicas, natsReplicas } from '@homi/messaging';

/**
 * Opens a bucket identity writes (and the gateway reads), creating it with NATS_REPLICAS copies, and
 * scales one made with another count: identity is its writer, the one service allowed to (ADR 57).
 */
export async function openOwnBucket(nc: NatsConnection, bucket: string): Promise<KV> {
  const replicas = natsReplicas();
  const kv = await new Kvm(nc).create(bucket, { history: 5, replicas });
  await ensureBucketReplicas(await jetstreamManager(nc), bucket, replicas);
  return kv;
}
