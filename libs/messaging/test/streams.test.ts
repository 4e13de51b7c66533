import { natsName } from '@homi/contracts';
import { DEAD_LETTER_STREAM, ensureConsumer, ensureDeadLetterStream, ensureStream } from '../src';
import { uniqueSuffix } from './support/env';
import { createTestNats, type TestNats } from './support/nats';

const sfx = uniqueSuffix();
const STREAM = `PROV_${sfx}`;
let nats: TestNats;

beforeAll(async () => {
  nats = await createTestNats('streams-test');
});

afterAll(async () => {
  await nats.jsm.streams.delete(STREAM).catch(() => false);
  await nats?.close();
});

describe('ensureStream', () => {
  it('creates a stream with a two-minute duplicate window, and repeating it changes nothing', async () => {
    const first = await ensureStream(nats.jsm, { name: STREAM, subjects: [`prov_${sfx}.>`] });
    const again = await ensureStream(nats.jsm, { name: STREAM, subjects: [`prov_${sfx}.>`] });

    expect(first.config.duplicate_window).toBe(120_000_000_000);
    expect(again.config).toEqual(first.config);
    expect(again.created).toEqual(first.created);
  });

  it('brings an existing stream to new subjects and limits', async () => {
    const info = await ensureStream(nats.jsm, {
      name: STREAM,
      subjects: [`prov_${sfx}.>`, `prov2_${sfx}.>`],
      maxAgeMs: 3_600_000,
      duplicateWindowMs: 60_000,
    });

    expect(info.config.subjects).toEqual([`prov_${sfx}.>`, `prov2_${sfx}.>`]);
    expect(info.config.max_age).toBe(3_600_000_000_000);
    expect(info.config.duplicate_window).toBe(60_000_000_000);
  });
});

describe('ensureConsumer', () => {
  const spec = { durable: `prov_${sfx}`, filterSubject: `prov_${sfx}.a.>`, maxDeliver: 5, ackWaitMs: 10_000 };

  it('creates a durable pull consumer with explicit acks, and repeating it changes nothing', async () => {
    const first = await ensureConsumer(nats.jsm, STREAM, spec);
    const again = await ensureConsumer(nats.jsm, STREAM, spec);

    expect(first.config).toMatchObject({
      durable_name: spec.durable,
      ack_policy: 'explicit',
      filter_subject: spec.filterSubject,
      max_deliver: 5,
      ack_wait: 10_000_000_000,
    });
    expect(first.config.deliver_subject).toBeUndefined();
    expect(again.created).toEqual(first.created);
  });

  it('updates the delivery limits of an existing consumer', async () => {
    const info = await ensureConsumer(nats.jsm, STREAM, { ...spec, maxDeliver: 8, backoffMs: [1_000, 5_000] });

    expect(info.config.max_deliver).toBe(8);
    expect(info.config.backoff).toEqual([1_000_000_000, 5_000_000_000]);
  });

  it('refuses to change the filter of an existing consumer', async () => {
    await expect(ensureConsumer(nats.jsm, STREAM, { ...spec, filterSubject: `prov_${sfx}.b.>` })).rejects.toThrow(
      /delete it \(or pick a new durable name\)/,
    );
  });
});

describe('ensureDeadLetterStream', () => {
  it('keeps dead letters on dlq.> in DEAD_LETTERS', async () => {
    const info = await ensureDeadLetterStream(nats.jsm);

    expect(info.config.name).toBe(DEAD_LETTER_STREAM.name);
    expect(info.config.subjects).toEqual([natsName.subject('dlq.>')]);
  });
});
