import { setTimeout as delay } from 'node:timers/promises';
import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV, type KvEntry, type KvWatchEntry } from '@nats-io/kv';
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node';
import { natsReplicas } from '@homi/messaging';
import type { Logger } from '@homi/service-kit';

/** A key token must not carry `.`, `*` or `>`: a crafted `sub` must not address another entry. */
export const KEY_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

export interface WatchedKvMapOptions<T> {
  bucket: string;
  /** Names the entries in log lines: `membership`, `user access`. */
  noun: string;
  /** The entry's value when it is valid for its key, else undefined (an invalid entry counts as absent). */
  decode: (key: string, value: unknown) => T | undefined;
  logger: Logger;
  /** How often the watch is compared with the bucket's last revision. */
  checkIntervalMs?: number;
  /** Pause before a failed watch is started again. */
  retryDelayMs?: number;
  /** How often the watch's consumer is asked whether it still exists (its server may have died). */
  probeIntervalMs?: number;
  /** How long a probe, a status read or a watch's start may take before the bucket counts as unreachable. */
  requestTimeoutMs?: number;
}

/**
 * A KV bucket held in a local map that a KV watch keeps current, so a change applies within
 * milliseconds and a lookup costs no round trip. The watch's consumer has one copy, on one server:
 * it is asked every second whether it still exists, and the watch is restarted when it does not
 * (its server died), after a reconnect, and whenever it falls behind the bucket. A restart resumes
 * after the last revision seen, so no change is missed and the map stays loaded. One outage logs
 * one warning and one line when the watch runs again. Until the first full load, lookups go to the
 * bucket directly.
 */
export class WatchedKvMap<T> {
  private entries = new Map<string, T>();
  private loaded = false;
  private watcher?: QueuedIterator<KvWatchEntry>;
  private seenRevision = 0;
  /** The bucket's last revision at the previous check; the watch must have reached it by now. */
  private expectedRevision?: number;
  private stopped = false;
  private invalidCount = 0;
  private changes = 0;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private probeTimer?: NodeJS.Timeout;
  private probing = false;
  /** Set from the first sign of an outage until the watch runs again: logs it once. */
  private outage?: { since: number; reason: string };
  private statusIterator?: AsyncIterable<unknown> & { stop?: () => void };
  private readonly loadedSignal: { promise: Promise<void>; resolve: () => void };

  private constructor(
    private readonly nc: NatsConnection,
    private readonly kv: KV,
    /** The same bucket with short request timeouts: an unreachable bucket is noticed, and retried, quickly. */
    private readonly watchKv: KV,
    private readonly options: WatchedKvMapOptions<T>,
  ) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.loadedSignal = { promise, resolve };
  }

  /** Opens (creating when missing) the bucket and starts watching it. */
  static async open<T>(nc: NatsConnection, options: WatchedKvMapOptions<T>): Promise<WatchedKvMap<T>> {
    // Created here only if identity has not yet: with the platform's replica count (identity scales it otherwise).
    const kv = await new Kvm(nc).create(options.bucket, { history: 1, replicas: natsReplicas() });
    const watchKv = await new Kvm(jetstream(nc, { timeout: options.requestTimeoutMs ?? 1_500 })).open(options.bucket);
    const map = new WatchedKvMap(nc, kv, watchKv, options);
    map.start();
    return map;
  }

  /** The valid value under `key`; the caller makes sure `key` names one entry (no wildcards). */
  async get(key: string): Promise<T | undefined> {
    if (this.loaded) return this.entries.get(key) ?? (await this.readThrough(key));
    const entry = await this.kv.get(key);
    return entry ? this.decode(entry) : undefined;
  }

  /**
   * A key the map lacks is asked of the bucket: the entry may have been written a moment ago, or while
   * the watch was being restarted after its server died (a new institute's owner right after a stream
   * leader's election). Misses are rare (an unknown account, a caller who is no member); the watch,
   * not this read, puts the entry in the map. When the bucket cannot answer, the map's answer stands.
   */
  private async readThrough(key: string): Promise<T | undefined> {
    try {
      const entry = await this.watchKv.get(key);
      if (!entry || entry.operation !== 'PUT') return undefined;
      return this.options.decode(key, entry.json());
    } catch {
      return undefined;
    }
  }

  /** What the watch has brought under `key` (undefined before the first load): the map alone, the bucket not asked. */
  watched(key: string): T | undefined {
    return this.loaded ? this.entries.get(key) : undefined;
  }

  /** Every valid value, once the bucket is loaded (undefined before): for lookups by something other than the key. */
  values(): T[] | undefined {
    return this.loaded ? [...this.entries.values()] : undefined;
  }

  /** Changes whenever the loaded map changes: lets a caller keep an index of `values()` current cheaply. */
  get version(): number {
    return this.changes;
  }

  /** How many entries were ignored as invalid since start: a bucket someone writes wrongly shows here. */
  get invalidEntries(): number {
    return this.invalidCount;
  }

  /** Resolves once the whole bucket has been loaded into the local map. */
  whenLoaded(): Promise<void> {
    return this.loadedSignal.promise;
  }

  /** Readiness: the map is loaded and a watch is running (one that falls behind is restarted). */
  async assertLive(): Promise<void> {
    if (!this.loaded || !this.watcher) throw new Error(`${this.options.noun} watch is not running`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.probeTimer);
    this.statusIterator?.stop?.();
    this.watcher?.stop();
    await this.loop;
  }

  private start(): void {
    this.loop = this.run();
    this.timer = setInterval(() => void this.checkProgress(), this.options.checkIntervalMs ?? 10_000);
    this.timer.unref();
    this.probeTimer = setInterval(() => void this.probeConsumer(), this.options.probeIntervalMs ?? 1_000);
    this.probeTimer.unref();
    const status = this.nc.status();
    this.statusIterator = status as typeof this.statusIterator;
    void (async () => {
      for await (const s of status) {
        if (s.type === 'reconnect') this.restartWatch('nats reconnected');
      }
    })();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.watchOnce();
      } catch (err) {
        if (!this.stopped) this.noteOutage('watch could not start', err);
        if (!this.stopped) await delay(this.options.retryDelayMs ?? 250);
      }
      this.watcher = undefined;
    }
  }

  private async watchOnce(): Promise<void> {
    // nats-server 2.9 cannot be trusted to say where the initial values end (the client flags the
    // last one as an update), so the load is complete at the stream's last sequence read beforehand.
    const status = await this.watchKv.status();
    const lastSeq = status.streamInfo.state.last_seq;
    if (this.loaded && lastSeq >= this.seenRevision) return this.resumeWatch();
    const initialUpTo = status.values === 0 ? 0 : lastSeq;
    const staged = new Map<string, T>();
    let live = false;
    const goLive = () => {
      live = true;
      this.seenRevision = Math.max(this.seenRevision, initialUpTo);
      this.entries = staged;
      this.changes++;
      this.loaded = true;
      this.loadedSignal.resolve();
      this.logger.info({ bucket: this.options.bucket, entries: staged.size }, `${this.options.noun} entries loaded`);
    };
    const watcher = await this.watchKv.watch({ key: '>' });
    this.watcher = watcher;
    if (this.stopped) watcher.stop();
    this.noteRecovered();
    if (initialUpTo === 0) goLive();
    for await (const entry of watcher) {
      this.seenRevision = Math.max(this.seenRevision, entry.revision);
      this.apply(live ? this.entries : staged, entry);
      if (!live && (entry.revision >= initialUpTo || entry.isUpdate)) goLive();
    }
  }

  /** Goes on after the last revision seen, straight into the loaded map: every later change, in order. */
  private async resumeWatch(): Promise<void> {
    const watcher = await this.watchKv.watch({ key: '>', resumeFromRevision: this.seenRevision + 1 });
    this.watcher = watcher;
    if (this.stopped) watcher.stop();
    this.noteRecovered();
    for await (const entry of watcher) {
      if (entry.revision <= this.seenRevision) continue;
      this.seenRevision = entry.revision;
      this.apply(this.entries, entry);
    }
  }

  private restartWatch(reason: string, err?: unknown): void {
    if (this.stopped || !this.watcher) return;
    this.noteOutage(reason, err);
    this.expectedRevision = undefined;
    this.watcher.stop();
  }

  /**
   * The watch's consumer (one copy, ephemeral) dies with its server, and the client notices only
   * after two missed heartbeats (10 s), then retries with 30 s ones. Asking the consumer directly
   * notices within a probe's timeout; the restart then waits for the bucket's new leader.
   */
  private async probeConsumer(): Promise<void> {
    const consumer = (this.watcher as { _data?: { info?: (cached?: boolean) => Promise<unknown> } } | undefined)?._data;
    if (this.stopped || this.probing || this.outage || typeof consumer?.info !== 'function') return;
    this.probing = true;
    const watcher = this.watcher;
    try {
      await consumer.info(false);
    } catch (err) {
      if (this.watcher === watcher) this.restartWatch('watch consumer unreachable', err);
    } finally {
      this.probing = false;
    }
  }

  private noteOutage(reason: string, err?: unknown): void {
    if (this.outage) return;
    this.outage = { since: Date.now(), reason };
    this.logger.warn({ err, bucket: this.options.bucket, reason }, `${this.options.noun} watch interrupted, restarting it`);
  }

  private noteRecovered(): void {
    if (!this.outage) return;
    const { since, reason } = this.outage;
    this.outage = undefined;
    this.logger.info({ bucket: this.options.bucket, reason, afterMs: Date.now() - since }, `${this.options.noun} watch running again`);
  }

  private async checkProgress(): Promise<void> {
    try {
      if (this.expectedRevision !== undefined && this.seenRevision < this.expectedRevision) {
        this.restartWatch('watch fell behind the bucket');
        return;
      }
      this.expectedRevision = (await this.watchKv.status()).streamInfo.state.last_seq;
    } catch (err) {
      // The bucket does not answer: its leader may have died with the watch's consumer.
      this.restartWatch('bucket status check failed', err);
    }
  }

  private apply(map: Map<string, T>, entry: KvEntry): void {
    this.changes++;
    const value = this.decode(entry);
    if (value !== undefined) map.set(entry.key, value);
    else map.delete(entry.key);
  }

  /** A deleted or purged key, or an entry that does not decode, is absent: a bad entry grants nothing. */
  private decode(entry: KvEntry): T | undefined {
    if (entry.operation !== 'PUT') return undefined;
    let value: unknown;
    try {
      value = entry.json();
    } catch {
      value = undefined;
    }
    const decoded = this.options.decode(entry.key, value);
    if (decoded === undefined) {
      this.invalidCount++;
      this.logger.warn({ bucket: this.options.bucket, key: entry.key, revision: entry.revision }, `ignoring invalid ${this.options.noun} entry`);
    }
    return decoded;
  }

  private get logger(): Logger {
    return this.options.logger;
  }
}
