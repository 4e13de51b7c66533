import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@homi/service-kit';
import { WatchedKvMap, type WatchedKvMapOptions } from './watched-kv-map';

/** What a store over a watched KV bucket opens with; the bucket defaults to the one identity writes. */
export interface WatchedStoreOptions {
  logger: Logger;
  bucket?: string;
  /** How often the watch is compared with the bucket's last revision. */
  checkIntervalMs?: number;
  /** Pause before a failed watch is started again. */
  retryDelayMs?: number;
  /** How often the watch's consumer is asked whether it still exists. */
  probeIntervalMs?: number;
}

/** The lifecycle every gateway store kept current by a WatchedKvMap shares. */
export abstract class WatchedStore<T> {
  protected constructor(protected readonly map: WatchedKvMap<T>) {}

  /** Resolves once the whole bucket has been loaded into the local map. */
  whenLoaded(): Promise<void> {
    return this.map.whenLoaded();
  }

  /** Readiness: the map is loaded and a watch is running. */
  assertLive(): Promise<void> {
    return this.map.assertLive();
  }

  stop(): Promise<void> {
    return this.map.stop();
  }
}

/** Opens (creating when missing) the store's bucket, `options.bucket` or the default, and starts watching it. */
export function openWatchedMap<T>(
  nc: NatsConnection,
  options: WatchedStoreOptions,
  entries: Pick<WatchedKvMapOptions<T>, 'bucket' | 'noun' | 'decode'>,
): Promise<WatchedKvMap<T>> {
  return WatchedKvMap.open(nc, { ...options, ...entries, bucket: options.bucket ?? entries.bucket });
}
