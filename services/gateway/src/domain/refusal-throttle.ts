/** One refusal to write down now, standing for itself and for `repeats` earlier ones that were held back. */
export interface Throttled<T> {
  item: T;
  at: number;
  repeats: number;
}

interface Window<T> {
  endsAt: number;
  /** Refusals held back since the window opened; the latest of them is `last`. */
  held: number;
  last?: { item: T; at: number };
}

/**
 * At most one entry per key per window, with nothing lost from the count: the first refusal of a key
 * is written at once and opens a window; the ones inside it are held back, and when the window ends
 * the latest of them is written carrying how many came before it (and opens the next window). So a
 * loop that keeps going yields one entry per window, and one that stops yields a last entry with the
 * exact remainder. Entries written plus their repeats always equal the refusals seen.
 */
export class RefusalThrottle<T> {
  private readonly windows = new Map<string, Window<T>>();

  constructor(private readonly windowMs: number, private readonly maxKeys = 50_000) {}

  get size(): number {
    return this.windows.size;
  }

  /** The entries to write now for this refusal: itself, or none while its key's window is open (plus any evicted key's remainder). */
  admit(key: string, item: T, now: number): Throttled<T>[] {
    const window = this.windows.get(key);
    if (window && now < window.endsAt) {
      window.held++;
      window.last = { item, at: now };
      return [];
    }
    // A window that ended unnoticed: its held refusals are carried by this one.
    const repeats = window?.held ?? 0;
    this.windows.delete(key);
    this.windows.set(key, { endsAt: now + this.windowMs, held: 0 });
    return [{ item, at: now, repeats }, ...this.evictOverflow(now)];
  }

  /** The remainders of windows that have ended; a key with nothing held is forgotten. */
  expire(now: number): Throttled<T>[] {
    const out: Throttled<T>[] = [];
    for (const [key, window] of this.windows) {
      if (now < window.endsAt) continue;
      const remainder = this.remainderOf(window);
      if (remainder) {
        out.push(remainder);
        this.windows.set(key, { endsAt: now + this.windowMs, held: 0 });
      } else {
        this.windows.delete(key);
      }
    }
    return out;
  }

  /** Everything still held, whatever its window (on shutdown); forgets all keys. */
  drain(): Throttled<T>[] {
    const out = [...this.windows.values()].map((w) => this.remainderOf(w)).filter((t): t is Throttled<T> => t !== undefined);
    this.windows.clear();
    return out;
  }

  private remainderOf(window: Window<T>): Throttled<T> | undefined {
    return window.last && window.held > 0 ? { ...window.last, repeats: window.held - 1 } : undefined;
  }

  /** Bounded memory: past `maxKeys` ended windows go first, then the oldest keys, their remainders written. */
  private evictOverflow(now: number): Throttled<T>[] {
    if (this.windows.size <= this.maxKeys) return [];
    const out = this.expire(now);
    for (const [key, window] of this.windows) {
      if (this.windows.size <= this.maxKeys) break;
      const remainder = this.remainderOf(window);
      if (remainder) out.push(remainder);
      this.windows.delete(key);
    }
    return out;
  }
}
