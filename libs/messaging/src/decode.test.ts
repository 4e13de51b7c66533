import type { JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { z } from 'zod';
import { defineContract, type Contract } from '@homi/contracts';
import { decodeMessage } from './decode';

const ThingCreated = defineContract('unit.thing.created.v1', 1, z.strictObject({ thingId: z.string().min(1) }));
const contracts = new Map<string, Contract>([[ThingCreated.subject, ThingCreated]]);

function fakeMsg(subject: string, body: string, msgId?: string): JsMsg {
  const h = natsHeaders();
  if (msgId) h.set('Nats-Msg-Id', msgId);
  return {
    subject,
    headers: h,
    string: () => body,
    info: { stream: 'UNIT', streamSequence: 42, deliveryCount: 1 },
  } as unknown as JsMsg;
}

describe('decodeMessage', () => {
  it('parses a message against the contract of its subject', () => {
    const decoded = decodeMessage(fakeMsg(ThingCreated.subject, '{"thingId":"a"}', 'evt_1'), {}, contracts);
    expect(decoded).toEqual({
      ok: true,
      event: { subject: ThingCreated.subject, data: { thingId: 'a' }, id: 'evt_1', headers: {}, deliveryCount: 1 },
    });
  });

  it('falls back to stream and sequence as the id when the producer gave none', () => {
    const decoded = decodeMessage(fakeMsg(ThingCreated.subject, '{"thingId":"a"}'), {}, contracts);
    expect(decoded.ok && decoded.event.id).toBe('UNIT:42');
  });

  it('rejects a subject no contract covers', () => {
    expect(decodeMessage(fakeMsg('unit.thing.moved.v1', '{}'), {}, contracts)).toMatchObject({ ok: false, reason: 'unknown_subject' });
  });

  it('rejects a body that is not JSON', () => {
    expect(decodeMessage(fakeMsg(ThingCreated.subject, '{'), {}, contracts)).toMatchObject({ ok: false, reason: 'invalid_json' });
  });

  it('rejects JSON that breaks the contract, saying where', () => {
    const decoded = decodeMessage(fakeMsg(ThingCreated.subject, '{"thingId":""}'), {}, contracts);
    expect(decoded).toMatchObject({ ok: false, reason: 'schema_mismatch' });
    expect(!decoded.ok && decoded.detail).toMatch(/^thingId: /);
  });
});
