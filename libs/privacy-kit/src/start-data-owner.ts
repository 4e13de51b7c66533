import type { MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import { OwnerAnnounced, OwnerDeclaration, OwnerResultReported, PRIVACY_STREAM, RequestCommanded, type CategoryResult, type RequestCommanded as Command } from '@homi/contracts';
import { enqueue, ensureStream, publish, runConsumer, type ConsumerHandle, type Logger } from '@homi/messaging';
import type { DataOwner, OwnerContext } from './data-owner';
import { fetchCorrections, uploadExportPart, type PrivacyEndpoint } from './export-upload';
import { answerCumulatively } from './owner-answers';

export interface StartDataOwnerOptions {
  js: JetStreamClient;
  orm: MikroORM;
  logger: Logger;
  /** Kicked after a command's answer commits, so the result leaves without waiting for the relay's poll. */
  relay?: { kick(): void };
  owner: DataOwner;
  privacy: PrivacyEndpoint;
  /** Deliveries of one command before the owner reports failure instead of retrying in silence. */
  maxAttempts?: number;
  backoffMs?: number[];
  clock?: () => Date;
}

export interface DataOwnerHandle {
  stop(): Promise<void>;
}

const DEFAULT_ATTEMPTS = 5;

/**
 * Makes a service a data owner: announces its declaration (on its own subject, ADR 42), then acts on every privacy command
 * addressed to it exactly once (durable consumer + inbox), and reports the outcome through the
 * outbox in the same transaction as the erasure or rectification itself.
 */
export async function startDataOwner(opts: StartDataOwnerOptions): Promise<DataOwnerHandle> {
  const { js, orm, logger, owner, privacy } = opts;
  const declaration = OwnerDeclaration.parse(owner.declaration);
  const name = declaration.owner;
  const clock = opts.clock ?? (() => new Date());
  const maxAttempts = opts.maxAttempts ?? DEFAULT_ATTEMPTS;
  // On a subject that names this owner: its credential may publish there and nowhere else of privacy's (ADR 42).
  const reported = OwnerResultReported.forOwner(name);
  await ensureStream(await js.jetstreamManager(), PRIVACY_STREAM);
  await publish(js, OwnerAnnounced.forOwner(name), { declaration, occurredAt: clock().toISOString() }, { msgId: `announce-${name}-${declaration.version}-${Date.now()}` });

  /** What to answer; null when privacy holds this owner's answer already (nothing to answer again). */
  async function act(cmd: Command, ctx: OwnerContext): Promise<{ results: CategoryResult[]; exportBytes?: number } | null> {
    switch (cmd.type) {
      case 'access': {
        const uploaded = await uploadExportPart(privacy, name, cmd.requestId, owner.export(cmd.subject, ctx));
        return uploaded && { results: uploaded.results, exportBytes: uploaded.bytes };
      }
      case 'erasure':
        return { results: await answerCumulatively(ctx.em, { requestId: cmd.requestId, type: cmd.type }, ctx.now, () => owner.erase(cmd.subject, ctx)) };
      case 'rectification': {
        const { rectify } = owner;
        if (!rectify) return { results: [] };
        const corrections = await fetchCorrections(privacy, cmd.requestId);
        return { results: await answerCumulatively(ctx.em, { requestId: cmd.requestId, type: cmd.type }, ctx.now, () => rectify(cmd.subject, corrections, ctx)) };
      }
    }
  }

  const consumer: ConsumerHandle = await runConsumer({
    js,
    orm,
    logger,
    stream: PRIVACY_STREAM.name,
    durable: `privacy-owner-${name}`,
    contracts: [RequestCommanded],
    filterSubject: RequestCommanded.subject,
    maxDeliver: maxAttempts + 5,
    backoffMs: opts.backoffMs,
    relay: opts.relay,
    handler: async (event, em) => {
      const cmd = event.data;
      if (!cmd.owners.includes(name)) return;
      const now = clock();
      // Before the last attempt a failure is thrown: the message's transaction rolls back and the
      // command comes again. The last attempt reports its failure instead, so it alone runs in a
      // savepoint, which rolls back its own writes and leaves the transaction usable for the report
      // (two round trips, SAVEPOINT and RELEASE, that the other attempts do without). Either way the
      // run's changes are flushed when it ends, as the savepoint's release does: the next command of
      // the same batch (a re-command of this request) reads the database, and must find them there.
      const lastAttempt = event.deliveryCount >= maxAttempts;
      const run = (inner: typeof em) => act(cmd, { em: inner, requestId: cmd.requestId, now });
      const flushed = async (inner: typeof em) => {
        const outcome = await run(inner);
        await inner.flush();
        return outcome;
      };
      try {
        const outcome = lastAttempt ? await em.transactional(run) : await flushed(em);
        if (!outcome) {
          logger.info({ requestId: cmd.requestId, owner: name, attempt: cmd.attempt }, 'privacy holds this owner\'s answer already; command done');
          return;
        }
        enqueue(em, reported, { requestId: cmd.requestId, owner: name, outcome: 'completed', ...outcome, occurredAt: now.toISOString() });
      } catch (err) {
        if (event.deliveryCount < maxAttempts) throw err;
        // Only the error's class: a message may quote personal data.
        const error = err instanceof Error ? err.constructor.name : 'Error';
        logger.error({ requestId: cmd.requestId, owner: name, error }, 'privacy command failed for good');
        enqueue(em, reported, { requestId: cmd.requestId, owner: name, outcome: 'failed', results: [], error, occurredAt: now.toISOString() });
      }
    },
  });
  logger.info({ owner: name, version: declaration.version }, 'data owner started');
  return { stop: () => consumer.stop() };
}
