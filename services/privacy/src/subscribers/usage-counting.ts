import * as contracts from '@homi/contracts';
import { BILLING_STREAM, GATEWAY_STREAM, GatewayUsageReported, IDENTITY_STREAM, isContract, MembershipChanged, natsName, TENANT_DATA_STREAM, type Contract } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UsageDeps } from '../application/deps';
import { recordUsage, type UsageIncrement } from '../application/record-usage';
import { utcDay } from '../domain/usage-day';
import { moduleOfSubject, tenantOfEvent } from '../domain/usage-modules';
import { ormRepositories } from '../infrastructure/repositories';

/** Every contract the contracts library defines under a subject prefix: a new event is counted without a change here. */
export function contractsUnder(prefix: string): Contract[] {
  return (Object.values(contracts) as unknown[]).filter(isContract).filter((c) => c.subject.startsWith(natsName.subject(prefix)));
}

/**
 * The usage module's durable consumers: a domain event is one action of its tenant in its subject's
 * module on the day it occurred; a gateway report adds requests. Each message counts once: the
 * handlers of a transaction (one message, or a batch of them) gather their counts, and the counts
 * go through the repositories once, over that transaction, before it commits with their inbox
 * entries: the day's lock and key, each institute's digest and each sum are written once a batch
 * rather than once a message.
 */
export async function subscribeUsageCounting({ js, orm, logger }: Platform, deps: UsageDeps): Promise<ConsumerHandle[]> {
  const gathered = new WeakMap<EntityManager, UsageIncrement[]>();
  const gather = (em: EntityManager, increments: UsageIncrement[]) => {
    const list = gathered.get(em);
    if (list) list.push(...increments);
    else gathered.set(em, [...increments]);
  };
  const beforeCommit = async (tx: EntityManager) => {
    const increments = gathered.get(tx);
    gathered.delete(tx);
    if (increments?.length) await recordUsage(ormRepositories(tx), deps, increments);
  };
  const common = { js, orm, logger, beforeCommit };
  const countAction = (consumer: string) => async (event: { subject: string; data: unknown }, em: EntityManager) => {
    const tenantId = tenantOfEvent(event.data);
    const occurredAt = (event.data as { occurredAt?: unknown }).occurredAt;
    if (!tenantId || typeof occurredAt !== 'string') return;
    gather(em, [{ day: utcDay(new Date(occurredAt)), tenantId, module: moduleOfSubject(event.subject), actions: 1, requests: 0 }]);
    logger.debug({ consumer, subject: event.subject }, 'usage counted');
  };
  const domain = [
    { stream: TENANT_DATA_STREAM.name, durable: 'privacy-usage-tenant-data', contracts: contractsUnder('tenant-data.'), filterSubject: natsName.subject('tenant-data.>') },
    { stream: IDENTITY_STREAM.name, durable: 'privacy-usage-memberships', contracts: [MembershipChanged] },
    { stream: BILLING_STREAM.name, durable: 'privacy-usage-billing', contracts: contractsUnder('billing.'), filterSubject: natsName.subject('billing.>') },
  ];
  const handles: ConsumerHandle[] = [];
  for (const spec of domain) handles.push(await runConsumer({ ...common, ...spec, handler: countAction(spec.durable) }));
  handles.push(
    await runConsumer({
      ...common,
      stream: GATEWAY_STREAM.name,
      durable: 'privacy-usage-gateway',
      contracts: [GatewayUsageReported],
      handler: async (event, em) => {
        const counts = event.data.counts.map((c) => ({ day: c.day, tenantId: c.tenantId, module: c.module, actions: 0, requests: c.requests }));
        gather(em, counts);
        logger.debug({ reportId: event.data.reportId, counts: counts.length }, 'gateway usage counted');
      },
    }),
  );
  return handles;
}
