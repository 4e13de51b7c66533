import { setTimeout as delay } from 'node:timers/promises';
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
}

/**
 * A KV bucket held in a local map that a KV watch keeps current, so a change applies within
 * milliseconds and a lookup costs no round trip. The watch is restarted after a reconnect (its
 * ephemeral consumer may be gone) and whenever it falls behind the bucket; until the first full
 * load, lookups go to the bucket directly.
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
  private statusIterator?: AsyncIterable<unknown> & { stop?: () => void };
  private readonly loadedSignal: { promise: Promise<void>; resolve: () => void };

  private constructor(
    private readonly nc: NatsConnection,
    private readonly kv: KV,
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
    const map = new WatchedKvMap(nc, kv, options);
    map.start();
    return map;
  }

  /** The valid value under `key`; the caller makes sure `key` names one entry (no wildcards). */
  async get(key: string): Promise<T | undefined> {
    if (this.loaded) return this.entries.get(key);
    const entry = await this.kv.get(key);
    return entry ? this.decode(entry) : undefined;
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
    this.statusIterator?.stop?.();
    this.watcher?.stop();
    await this.loop;
  }

  private start(): void {
    this.loop = this.run();
    this.timer = setInterval(() => void this.checkProgress(), this.options.checkIntervalMs ?? 10_000);
    this.timer.unref();
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
        if (!this.stopped) this.logger.warn({ err, bucket: this.options.bucket }, `${this.options.noun} watch failed`);
        if (!this.stopped) await delay(this.options.retryDelayMs ?? 1_000);
      }
      this.watcher = undefined;
    }
  }

  private async watchOnce(): Promise<void> {
    // nats-server 2.9 cannot be trusted to say where the initial values end (the client flags the
    // last one as an update), so the load is complete at the stream's last sequence read beforehand.
    const status = await this.kv.status();
    const initialUpTo = status.values === 0 ? 0 : status.streamInfo.state.last_seq;
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
    const watcher = await this.kv.watch({ key: '>' });
    this.watcher = watcher;
    if (this.stopped) watcher.stop();
    if (initialUpTo === 0) goLive();
    for await (const entry of watcher) {
      this.seenRevision = Math.max(this.seenRevision, entry.revision);
      this.apply(live ? this.entries : staged, entry);
      if (!live && (entry.revision >= initialUpTo || entry.isUpdate)) goLive();
    }
  }

  private restartWatch(reason: string): void {
    if (this.stopped || !this.watcher) return;
    this.logger.info({ bucket: this.options.bucket, reason }, `restarting ${this.options.noun} watch`);
    this.expectedRevision = undefined;
    this.watcher.stop();
  }

  private async checkProgress(): Promise<void> {
    try {
      if (this.expectedRevision !== undefined && this.seenRevision < this.expectedRevision) {
        this.restartWatch('watch fell behind the bucket');
        return;
      }
      this.expectedRevision = (await this.kv.status()).streamInfo.state.last_seq;
    } catch (err) {
      this.logger.warn({ err, bucket: this.options.bucket }, `${this.options.noun} bucket status check failed`);
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
