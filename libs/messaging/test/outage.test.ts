// The errors nats.js really throws when the bus is gone are read as a NATS outage by service-kit's
// error handler (503 service-unavailable, issue 19), told apart from a caller's bad subject.
import { dependencyOutage } from '@homi/service-kit';
import { startTcpProxy } from '@homi/testing';
import { jetstream } from '@nats-io/jetstream';
import { connectNats, natsReadiness } from '../src';
import { NATS_URL, waitFor } from './support/env';

it('reads a closed connection, a request nobody answers and a publish during an outage as NATS, and an invalid subject as nothing', async () => {
  const proxy = await startTcpProxy(NATS_URL);
  const nc = await connectNats({ url: proxy.url, name: 'outage-errors', reconnectTimeWaitMs: 100 });
  try {
    const noResponders = await nc.request(`nobody.listens.${Date.now()}`, '', { timeout: 1_000 }).catch((e: unknown) => e);
    expect(dependencyOutage(noResponders)).toBe('nats');

    await proxy.down();
    const duringOutage = await jetstream(nc, { timeout: 500 }).publish(`outage.${Date.now()}`, 'x').catch((e: unknown) => e);
    expect(dependencyOutage(duringOutage)).toBe('nats');

    let invalid: unknown;
    try {
      nc.publish('bad subject', 'x');
    } catch (e) {
      invalid = e;
    }
    expect(invalid).toBeInstanceOf(Error);
    expect(dependencyOutage(invalid)).toBeUndefined();
  } finally {
    await nc.close();
    await proxy.close();
  }
  let closed: unknown;
  try {
    nc.publish('after.close', 'x');
  } catch (e) {
    closed = e;
  }
  expect(dependencyOutage(closed)).toBe('nats');
});

it('reports NATS not ready as soon as the connection drops, and ready again after it is back', async () => {
  const proxy = await startTcpProxy(NATS_URL);
  const nc = await connectNats({ url: proxy.url, name: 'readiness', reconnectTimeWaitMs: 100 });
  const ready = natsReadiness(nc);
  const answers = async () => ready().then(() => true, () => false);
  try {
    expect(await answers()).toBe(true);
    await proxy.down();
    // Not the flush timing out (it would hang until the reconnect): the drop itself is seen.
    await waitFor(async () => !(await answers()));
    await proxy.up();
    await waitFor(answers);
  } finally {
    await nc.close();
    await proxy.close();
  }
});
