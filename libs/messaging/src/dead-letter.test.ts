import { natsName } from '@homi/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { deadLetter, deadLetterSubject, DLQ_HEADERS } from './dead-letter';

function fakeMsg(): JsMsg {
  const h = natsHeaders();
  h.set('Nats-Msg-Id', 'evt_1');
  h.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  return {
    subject: 'unit.thing.created.v1',
    data: new TextEncoder().encode('{'),
    headers: h,
    info: { stream: 'UNIT', streamSequence: 42, deliveryCount: 3 },
  } as unknown as JsMsg;
}

function fakeJs() {
  const sent: Array<{ subject: string; data: unknown; msgID?: string; headers?: MsgHdrs }> = [];
  const js: Pick<JetStreamClient, 'publish'> = {
    publish: async (subject, data, opts) => {
      sent.push({ subject, data, msgID: opts?.msgID, headers: opts?.headers });
      return { stream: 'DEAD_LETTERS', seq: 1, duplicate: false, domain: '' };
    },
  };
  return { js, sent };
}

describe('deadLetter', () => {
  it('copies the message to dlq.<durable> with where it came from and why', async () => {
    const { js, sent } = fakeJs();

    await deadLetter(js, fakeMsg(), 'billing_clients', 'invalid_json', 'Unexpected end\r\nof JSON');

    expect(sent).toHaveLength(1);
    const [letter] = sent;
    expect(letter?.subject).toBe(deadLetterSubject('billing_clients'));
    expect(letter?.subject).toBe(natsName.subject('dlq.billing_clients'));
    expect(new TextDecoder().decode(letter?.data as Uint8Array)).toBe('{');
    const h = letter!.headers!;
    expect(h.get(DLQ_HEADERS.reason)).toBe('invalid_json');
    expect(h.get(DLQ_HEADERS.detail)).toBe('Unexpected end of JSON');
    expect(h.get(DLQ_HEADERS.subject)).toBe('unit.thing.created.v1');
    expect(h.get(DLQ_HEADERS.stream)).toBe('UNIT');
    expect(h.get(DLQ_HEADERS.sequence)).toBe('42');
    expect(h.get(DLQ_HEADERS.consumer)).toBe('billing_clients');
    expect(h.get(DLQ_HEADERS.deliveries)).toBe('3');
    expect(h.get(DLQ_HEADERS.messageId)).toBe('evt_1');
    expect(h.get('traceparent')).toMatch(/^00-0af7/);
  });

  it('drops Nats-* headers and dedups per stream, sequence and consumer', async () => {
    const { js, sent } = fakeJs();

    await deadLetter(js, fakeMsg(), 'c1', 'handler_failed', 'x');

    expect(sent[0]?.headers?.has('Nats-Msg-Id')).toBe(false);
    expect(sent[0]?.msgID).toBe('UNIT:42:c1');
  });
});
