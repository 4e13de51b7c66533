import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createDatabase, uniqueName, withClient } from '../src/database';
import { testInfra } from '../src/infra';
import { claimTestNamespace } from '../src/run-namespace';
import { removeTestNamespace } from '../src/test-namespace';

// What a run's global teardown removes (ADR 37): its namespace's streams, buckets and databases, nothing else.
it('removes a namespace\'s streams, buckets and databases and leaves everything outside it', async () => {
  const infra = await testInfra();
  const env: NodeJS.ProcessEnv = {};
  const ns = claimTestNamespace(env);
  expect(ns).toMatch(/^t[a-z0-9]+$/);
  expect(claimTestNamespace(env)).toBe(ns); // a second project's setup keeps the run's

  const nc = await connect({ servers: infra.natsUrl });
  const jsm = await jetstreamManager(nc);
  const outside = `${ns}x_KEPT`; // shares the prefix's letters, not the namespace
  try {
    await jsm.streams.add({ name: `${ns}_PRIVACY`, subjects: [`${ns}.privacy.>`] });
    await jsm.streams.add({ name: `KV_${ns}_homi_memberships`, subjects: [`$KV.${ns}_homi_memberships.>`] });
    await jsm.streams.add({ name: outside, subjects: [`${ns}x.>`] });
    const previous = process.env.HOMI_NATS_NAMESPACE;
    process.env.HOMI_NATS_NAMESPACE = ns;
    const leftover = uniqueName('homi_left_behind');
    process.env.HOMI_NATS_NAMESPACE = previous;
    await createDatabase(infra.databaseUrl, leftover);

    const removed = await removeTestNamespace(ns, { natsUrl: infra.natsUrl, databaseUrl: infra.databaseUrl });

    expect(removed.streams.sort()).toEqual([`KV_${ns}_homi_memberships`, `${ns}_PRIVACY`].sort());
    expect(removed.databases).toEqual([leftover]);
    expect((await jsm.streams.info(outside)).config.name).toBe(outside);
    const left = await withClient(infra.databaseUrl, (c) => c.query('select 1 from pg_database where datname = $1', [leftover]));
    expect(left.rowCount).toBe(0);
  } finally {
    await jsm.streams.delete(outside).catch(() => false);
    await nc.close();
  }
});
