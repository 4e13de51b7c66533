/**
 * Mails a service owes, recorded in its own table in the transaction that owed them and sent after
 * commit by a periodic job (ADR 43, ADR 51): the helpdesk's reply notices, privacy's notices to a
 * requester. The table stores ids, never a text or a token; the mail is rendered when it is sent.
 *
 * A sender leases the notices due (committed first, so no transaction is open while SMTP talks),
 * mails each with a Message-ID derived from the notice, and records it sent. A process that dies
 * mid-send leaves its lease to run out; the notice then goes again with the same Message-ID, so a
 * mailbox that honours Message-IDs shows it once.
 */

/** What the queue needs of a notice row. */
export interface QueuedNotice {
  readonly id: string;
  /** Attempts so far, this one included once claimed. */
  readonly attempts: number;
}

/** The notice table of one service, over one short transaction. */
export interface NoticeQueue<N extends QueuedNotice> {
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<N[]>;
  markSent(id: string, now: Date): Promise<void>;
  retryAt(id: string, at: Date): Promise<void>;
  giveUp(id: string, now: Date): Promise<void>;
}

/** Longer than a send can take (nodemailer gives up within 40 s): a live sender never loses its lease. */
export const NOTICE_LEASE_MS = 2 * 60_000;

/** A notice the SMTP server refused this many times is dropped (and logged). */
export const MAX_NOTICE_ATTEMPTS = 12;

/** When to try again after the n-th failed attempt: a minute, doubling, at most six hours. */
export const noticeRetryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);

/** The part of a pino logger the job uses. */
export interface NoticeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface NoticeDelivery<N extends QueuedNotice> {
  /** What the log calls one, e.g. "reply notice". */
  kind: string;
  clock: () => Date;
  /** Runs `work` over the queue in a short transaction of its own. */
  inQueue: <T>(work: (queue: NoticeQueue<N>, now: Date) => Promise<T>) => Promise<T>;
  /**
   * Mails the notice, or says there is nobody to mail it to (then it is dropped). Throws when it may
   * work later (SMTP refused, a service that knows the address did not answer): tried again then.
   */
  send: (notice: N) => Promise<'sent' | 'nobody'>;
  /** The ids the log may show of a notice: never an address, a subject or any other content. */
  describe: (notice: N) => Record<string, unknown>;
  logger: NoticeLog;
  batch?: number;
  /** How long a claim holds (NOTICE_LEASE_MS unless given): after a crash, its notices wait this long. */
  leaseMs?: number;
}

/** A turn never runs on without end: after this many full batches the rest waits for the next turn. */
export const MAX_NOTICE_BATCHES_PER_TURN = 50;

/**
 * One turn of a notice job: leases the notices due a batch at a time, mails each, records the
 * outcome, and goes on while batches come back full (a job's own commits do not ask for another
 * turn, see periodicJob). Returns how many were sent.
 */
export async function deliverDueNotices<N extends QueuedNotice>(d: NoticeDelivery<N>): Promise<number> {
  const size = d.batch ?? 20;
  let sent = 0;
  for (let batch = 0; batch < MAX_NOTICE_BATCHES_PER_TURN; batch++) {
    const claimed = await d.inQueue((queue, now) => queue.claimDue(now, new Date(now.getTime() + (d.leaseMs ?? NOTICE_LEASE_MS)), size));
    for (const notice of claimed) if (await deliverOne(d, notice)) sent++;
    if (claimed.length < size) break;
  }
  return sent;
}

async function deliverOne<N extends QueuedNotice>(d: NoticeDelivery<N>, notice: N): Promise<boolean> {
  const ids = d.describe(notice);
  const record = (change: (queue: NoticeQueue<N>, now: Date) => Promise<void>) => d.inQueue(change);
  try {
    if ((await d.send(notice)) === 'nobody') {
      await record((queue, now) => queue.giveUp(notice.id, now));
      d.logger.info(ids, `${d.kind} dropped: nobody to send it to`);
      return false;
    }
    await record((queue, now) => queue.markSent(notice.id, now));
    d.logger.info(ids, `${d.kind} sent`);
    return true;
  } catch (err) {
    const giveUp = notice.attempts >= MAX_NOTICE_ATTEMPTS;
    await record((queue, now) => (giveUp ? queue.giveUp(notice.id, now) : queue.retryAt(notice.id, new Date(now.getTime() + noticeRetryDelayMs(notice.attempts)))));
    // The error is the mailer's or a service's, which name no address or content.
    const error = err instanceof Error ? { name: err.name, message: err.message } : undefined;
    d.logger.warn({ ...ids, attempts: notice.attempts, err: error }, giveUp ? `${d.kind} given up` : `${d.kind} not sent; tried again later`);
    return false;
  }
}

/** Runs one SQL statement with bound parameters, e.g. `(sql, params) => em.execute(sql, [...params])`. */
export type ExecuteSql = (sql: string, params: unknown[]) => Promise<unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The queue's statements over a notice table with the columns `id`, `attempts`, `next_attempt_at`,
 * `lease_until`, `sent_at` and `gave_up_at`. A service's repository extends it and loads the rows a
 * claim leased by their ids (`loadClaimed`), as its entities.
 */
export abstract class SqlNoticeTable<N extends QueuedNotice> implements NoticeQueue<N> {
  protected constructor(
    private readonly execute: ExecuteSql,
    private readonly table: string,
  ) {
    if (!IDENTIFIER.test(table)) throw new Error(`not a table name: ${table}`);
  }

  /** The leased rows, oldest due first. */
  protected abstract loadClaimed(ids: string[]): Promise<N[]>;

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<N[]> {
    // Skips rows another sender is claiming; a lease that ran out (its sender died) is taken over.
    const rows = (await this.execute(
      `update ${this.table} set lease_until = ?, attempts = attempts + 1
        where id in (
          select id from ${this.table}
           where sent_at is null and gave_up_at is null and next_attempt_at <= ? and (lease_until is null or lease_until <= ?)
           order by next_attempt_at, id limit ? for update skip locked)
        returning id`,
      [leaseUntil, now, now, limit],
    )) as { id: string }[];
    return rows.length ? this.loadClaimed(rows.map((r) => r.id)) : [];
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.execute(`update ${this.table} set sent_at = ?, lease_until = null where id = ?`, [now, id]);
  }

  async retryAt(id: string, at: Date): Promise<void> {
    await this.execute(`update ${this.table} set next_attempt_at = ?, lease_until = null where id = ?`, [at, id]);
  }

  async giveUp(id: string, now: Date): Promise<void> {
    await this.execute(`update ${this.table} set gave_up_at = ?, lease_until = null where id = ?`, [now, id]);
  }
}

/** A notice row as a service's entity holds it (the columns `SqlNoticeTable` works on). */
export interface NoticeRow extends QueuedNotice {
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  sentAt: Date | null;
  gaveUpAt: Date | null;
}

/** A service's notice as it is queued: due at `nextAttemptAt`, not tried yet. Its own fields say what to mail. */
export abstract class OwedNotice implements NoticeRow {
  attempts = 0;
  /** While a sender holds it; another sender takes it over once this has passed. */
  leaseUntil: Date | null = null;
  sentAt: Date | null = null;
  /** Dropped: nobody to send it to, or the SMTP server kept refusing. */
  gaveUpAt: Date | null = null;

  protected constructor(
    readonly id: string,
    public nextAttemptAt: Date,
  ) {}
}

/** The queue over rows in memory, as `sqlNoticeQueue` treats them: for the services' unit tests. */
export function inMemoryNoticeQueue<N extends NoticeRow>(rows: Map<string, N>): NoticeQueue<N> {
  const set = (id: string, changes: Partial<NoticeRow>) => {
    const n = rows.get(id);
    if (n) Object.assign(n, { leaseUntil: null, ...changes });
  };
  return {
    async claimDue(now, leaseUntil, limit) {
      const due = [...rows.values()]
        .filter((n) => !n.sentAt && !n.gaveUpAt && n.nextAttemptAt <= now && (!n.leaseUntil || n.leaseUntil <= now))
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id.localeCompare(b.id))
        .slice(0, limit);
      for (const n of due) Object.assign(n, { leaseUntil, attempts: n.attempts + 1 });
      return due;
    },
    markSent: async (id, now) => set(id, { sentAt: now }),
    retryAt: async (id, at) => set(id, { nextAttemptAt: at }),
    giveUp: async (id, now) => set(id, { gaveUpAt: now }),
  };
}
