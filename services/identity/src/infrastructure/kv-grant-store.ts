import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import type { SupportGrant } from '@homi/contracts';
import type { GrantStore } from '../application/project-grants';
import { openOwnBucket } from './own-bucket';

/** The support-grants bucket the gateway reads: key = request id, value = the active SupportGrant. */
export class KvGrantStore implements GrantStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket: string): Promise<KvGrantStore> {
    return new KvGrantStore(await openOwnBucket(nc, bucket));
  }

  async put(grant: SupportGrant): Promise<void> {
    await this.kv.put(grant.requestId, JSON.stringify(grant));
  }

  async delete(requestId: string): Promise<void> {
    await this.kv.delete(requestId);
  }

  /** Keys that hold a grant now (deleted keys are left out). */
  async keys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys()) {
      const entry = await this.kv.get(key);
      if (entry?.operation === 'PUT') keys.push(key);
    }
    return keys;
  }
}
