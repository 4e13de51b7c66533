import type { JetStreamClient } from '@nats-io/jetstream';
import {
  AppointmentCreated,
  ClientCreated,
  ClientUpdated,
  GatewayUsageReported,
  InstituteUpdated,
  InvoiceCreated,
  MembershipChanged,
  type Contract,
  type ContractData,
  type UsageModule,
} from '@homi/contracts';
import { publish } from '@homi/messaging';
import { newId } from '@homi/service-kit';

/** What a simulated day created and what the statistics should say about it. */
export interface SimulatedDay {
  day: string;
  tenants: string[];
  /** Every id created: tenants, users, clients, appointments, invoices. */
  ids: string[];
  /** Per module: the distinct tenants active, the actions (events) and the requests (gateway). */
  expected: Map<UsageModule, { tenants: Set<string>; actions: number; requests: number }>;
  /** Per tenant, per module: its own actions and requests. */
  perTenant: Map<string, Map<UsageModule, { actions: number; requests: number }>>;
  messages: number;
}

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

/**
 * A day of use by `tenantCount` institutes, sent through the real streams: memberships for every
 * institute (users), clients for all, appointments for most, invoices for five (exactly k), a profile
 * change for four (k - 1), and two gateway replicas' request reports, split over several reports each.
 */
export async function simulateDay(js: JetStreamClient, now: Date, tenantCount = 40): Promise<SimulatedDay> {
  const day = now.toISOString().slice(0, 10);
  const at = (minute: number) => new Date(Date.parse(`${day}T00:00:00Z`) + (minute % 1440) * 60_000).toISOString();
  const sim: SimulatedDay = { day, tenants: [], ids: [], expected: new Map(), perTenant: new Map(), messages: 0 };
  const count = (tenantId: string, module: UsageModule, actions: number, requests: number) => {
    const e = sim.expected.get(module) ?? { tenants: new Set<string>(), actions: 0, requests: 0 };
    e.tenants.add(tenantId);
    e.actions += actions;
    e.requests += requests;
    sim.expected.set(module, e);
    const own = sim.perTenant.get(tenantId) ?? new Map();
    const o = own.get(module) ?? { actions: 0, requests: 0 };
    own.set(module, { actions: o.actions + actions, requests: o.requests + requests });
    sim.perTenant.set(tenantId, own);
  };
  const send = async <C extends Contract>(contract: C, data: ContractData<C>) => {
    await publish(js, contract, data, { msgId: newId('evt') });
    sim.messages++;
  };

  for (let t = 0; t < tenantCount; t++) {
    const tenantId = newId('ten');
    sim.tenants.push(tenantId);
    sim.ids.push(tenantId);
    for (let u = 0; u < 3 + (t % 6); u++) {
      const userId = newId('usr');
      sim.ids.push(userId);
      await send(MembershipChanged, { tenantId, userId, occurredAt: at(t * 7 + u) });
      count(tenantId, 'users', 1, 0);
    }
    const clients: string[] = [];
    for (let c = 0; c < 5 + (t % 11); c++) {
      const clientId = newId('cli');
      clients.push(clientId);
      sim.ids.push(clientId);
      await send(ClientCreated, { tenantId, clientId, occurredAt: at(t * 13 + c) });
      count(tenantId, 'clients', 1, 0);
    }
    await send(ClientUpdated, { tenantId, clientId: clients[0]!, occurredAt: at(t * 17) });
    count(tenantId, 'clients', 1, 0);
    if (t % 4 !== 3) {
      for (let a = 0; a < 2 + (t % 5); a++) {
        const appointmentId = newId('apt');
        sim.ids.push(appointmentId);
        await send(AppointmentCreated, { tenantId, appointmentId, clientId: pick(clients, a), occurredAt: at(600 + t * 11 + a) });
        count(tenantId, 'agenda', 1, 0);
      }
    }
    if (t < 5) {
      const invoiceId = newId('inv');
      sim.ids.push(invoiceId);
      await send(InvoiceCreated, { tenantId, invoiceId, occurredAt: at(900 + t) });
      count(tenantId, 'invoicing', 1, 0);
    }
    if (t < 4) {
      await send(InstituteUpdated, { tenantId, occurredAt: at(1000 + t) });
      count(tenantId, 'settings', 1, 0);
    }
  }

  // Two gateway replicas: each saw every institute call clients and agenda, and two of them call
  // routes of no module; one institute appears in several reports of both.
  for (const replica of [0, 1]) {
    const counts: ContractData<typeof GatewayUsageReported>['counts'] = [];
    sim.tenants.forEach((tenantId, t) => {
      counts.push({ day, tenantId, module: 'clients', requests: 2 + ((t + replica) % 9) });
      counts.push({ day, tenantId, module: 'agenda', requests: 1 + (t % 3) });
      if (t < 2) counts.push({ day, tenantId, module: 'other', requests: 1 });
    });
    for (let i = 0; i < counts.length; i += 25) {
      const chunk = counts.slice(i, i + 25);
      await send(GatewayUsageReported, { reportId: newId('urp'), windowStart: at(1200 + i), windowEnd: at(1201 + i), counts: chunk });
      for (const c of chunk) count(c.tenantId, c.module, 0, c.requests);
    }
  }
  return sim;
}
