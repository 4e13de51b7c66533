import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerInfo,
  type JetStreamManager,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { namespacedStream } from '@homi/contracts';
import { natsReplicas } from './replicas';

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
  /**
   * How long the stream retains a message. Unset: unlimited for a new stream, and an existing
   * stream keeps its own, so a service that names only the subjects never undoes the owner's limit.
   */
  maxAgeMs?: number;
  /** Window in which a repeated `Nats-Msg-Id` is dropped as a duplicate; defaults to 2 minutes. */
  duplicateWindowMs?: number;
  /** Servers holding a copy; defaults to NATS_REPLICAS (1). An existing stream is scaled to it. */
  replicas?: number;
}

export interface ConsumerSpec {
  durable: string;
  /** One subject or wildcard: NATS 2.9 has no multi-filter consumers. */
  filterSubject: string;
  /** Server-side delivery limit; -1 leaves the limit to the client (see runConsumer). */
  maxDeliver: number;
  ackWaitMs: number;
  /** Redelivery delays after an ack timeout (not after a nak, which carries its own delay). */
  backoffMs?: number[];
  maxAckPending?: number;
}

// JetStream API error code for "stream name already in use with a different configuration".
const STREAM_NAME_IN_USE = 10058;

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

/** The stream that keeps every message a consumer gave up on, under `dlq.<durable>` (in the run's namespace). */
export const DEAD_LETTER_STREAM = namespacedStream({ name: 'DEAD_LETTERS', subjects: ['dlq.>'] });

/** Creates the stream, or brings an existing one's subjects and limits to this spec. Safe to repeat. */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamInfo> {
  const existing = await streamInfo(jsm, spec.name);
  const config = {
    subjects: [...spec.subjects],
    max_age: spec.maxAgeMs !== undefined ? nanos(spec.maxAgeMs) : (existing?.config.max_age ?? 0),
    duplicate_window: nanos(spec.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    num_replicas: spec.replicas ?? natsReplicas(),
  };
  if (!existing) {
    try {
      return await jsm.streams.add({ name: spec.name, ...config });
    } catch (err) {
      // Another replica created it between our lookup and our create.
      if (!isApiError(err, STREAM_NAME_IN_USE)) throw err;
    }
  } else if (sameStream(existing, config)) {
    return existing;
  }
  return jsm.streams.update(spec.name, config);
}

/** Dead letters are kept this long for inspection and replay, then the stream drops them. */
export const DEAD_LETTER_MAX_AGE_MS = 30 * 24 * 3600_000;

/** Ensures the stream that receives dead letters (`dlq.>`), retained for 30 days by default. */
export function ensureDeadLetterStream(jsm: JetStreamManager, maxAgeMs = DEAD_LETTER_MAX_AGE_MS): Promise<StreamInfo> {
  return ensureStream(jsm, { name: DEAD_LETTER_STREAM.name, subjects: [...DEAD_LETTER_STREAM.subjects], maxAgeMs });
}

/** Creates a durable pull consumer with explicit acks, or updates its limits. Safe to repeat. */
export async function ensureConsumer(jsm: JetStreamManager, stream: string, spec: ConsumerSpec): Promise<ConsumerInfo> {
  const limits = {
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    backoff: spec.backoffMs?.map((ms) => nanos(ms)),
    ...(spec.maxAckPending ? { max_ack_pending: spec.maxAckPending } : {}),
  };
  const existing = await consumerInfo(jsm, stream, spec.durable);
  if (existing) {
    if (existing.config.filter_subject !== spec.filterSubject) {
      throw new Error(
        `consumer ${stream}/${spec.durable} filters ${existing.config.filter_subject ?? '(nothing)'}, ` +
          `not ${spec.filterSubject}: delete it (or pick a new durable name) to change its filter`,
      );
    }
    if (sameConsumer(existing, limits)) return existing;
    return jsm.consumers.update(stream, spec.durable, limits);
  }
  return jsm.consumers.add(stream, {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    ...limits,
  });
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isApiError(err, JetStreamApiCodes.StreamNotFound)) return undefined;
    throw err;
  }
}

async function consumerInfo(jsm: JetStreamManager, stream: string, durable: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (err) {
    if (isApiError(err, JetStreamApiCodes.ConsumerNotFound)) return undefined;
    throw err;
  }
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

function sameStream(info: StreamInfo, c: { subjects: readonly string[]; max_age: number; duplicate_window: number; num_replicas: number }): boolean {
  const s = info.config;
  return (
    s.max_age === c.max_age &&
    s.num_replicas === c.num_replicas &&
    s.duplicate_window === c.duplicate_window &&
    [...(s.subjects ?? [])].sort().join() === [...c.subjects].sort().join()
  );
}

function sameConsumer(info: ConsumerInfo, l: { max_deliver: number; ack_wait: number; backoff?: number[]; max_ack_pending?: number }): boolean {
  const c = info.config;
  return (
    c.max_deliver === l.max_deliver &&
    c.ack_wait === l.ack_wait &&
    (c.backoff ?? []).join() === (l.backoff ?? []).join() &&
    (l.max_ack_pending === undefined || c.max_ack_pending === l.max_ack_pending)
  );
}
