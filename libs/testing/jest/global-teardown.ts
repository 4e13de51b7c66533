import { removeTestNamespace } from '../src/test-namespace';

/** Every jest project's global teardown: what the run left in its namespace goes (ADR 37). */
export default async function globalTeardown(): Promise<void> {
  const namespace = process.env.HOMI_NATS_NAMESPACE;
  if (!namespace) return;
  // A project's teardown after another's finds nothing left; a server that went away leaves it be.
  await removeTestNamespace(namespace, { natsUrl: process.env.NATS_URL, databaseUrl: process.env.DATABASE_URL }).catch((err: unknown) => {
    process.stderr.write(`test namespace ${namespace} not removed: ${err instanceof Error ? err.message : String(err)}\n`);
  });
}
