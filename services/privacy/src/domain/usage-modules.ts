import type { UsageModule } from '@homi/contracts';

/**
 * Which module an event's subject belongs to, by subject prefix: the events a module's work
 * produces. A subject no rule names (a new kind of event) counts under `other` until one does.
 */
const RULES: readonly (readonly [prefix: string, module: UsageModule])[] = [
  ['tenant-data.client.', 'clients'],
  ['tenant-data.appointment.', 'agenda'],
  ['tenant-data.institute.', 'settings'],
  ['identity.membership.', 'users'],
  ['billing.', 'invoicing'],
];

export function moduleOfSubject(subject: string): UsageModule {
  return RULES.find(([prefix]) => subject.startsWith(prefix))?.[1] ?? 'other';
}

/** The tenant an event is about, when it names one; events about no tenant count nowhere. */
export function tenantOfEvent(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  return typeof tenantId === 'string' ? tenantId : undefined;
}
