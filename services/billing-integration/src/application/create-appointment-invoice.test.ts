import { billingApi } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { connectFactuurSturen } from './connect-factuursturen';
import { createAppointmentInvoice } from './create-appointment-invoice';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_0000000001';
const USER = 'usr_0000000001';
const APPOINTMENT = 'apt_0000000001';
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const input = { appointmentId: APPOINTMENT, sendByEmail: false };

async function world() {
  const w = inMemoryDeps();
  w.agenda.set(APPOINTMENT, {
    tenantId: TENANT, id: APPOINTMENT, clientId: 'cli_0000000001', status: 'booked', startsAt: '2026-12-12T09:30:00.000Z',
    treatment: { id: 'trt_0000000001', name: 'Pedicure', priceCents: 4500, taxRate: 21 },
  });
  await connectFactuurSturen(w.deps, TENANT, USER, { username: 'salon@example.nl', apiKey: 'key-1', shareClientData: true });
  return w;
}

describe('invoicing an appointment', () => {
  it('asks tenant-data before the unit of work opens, never inside it', async () => {
    const w = await world();
    const events: string[] = [];
    const { get } = w.deps.appointments;
    const { forTenant } = w.deps.uow;
    let open = 0;
    w.deps.uow = {
      ...w.deps.uow,
      forTenant: async (tenantId, work) => {
        events.push('unit of work');
        open += 1;
        try {
          return await forTenant(tenantId, work);
        } finally {
          open -= 1;
        }
      },
    };
    w.deps.appointments = { get: (...args) => (events.push(open > 0 ? 'tenant-data inside a transaction' : 'tenant-data'), get(...args)) };
    const invoice = await createAppointmentInvoice(w.deps, TENANT, USER, input);
    expect(events).toEqual(['tenant-data', 'unit of work']);
    expect(invoice).toMatchObject({ appointmentId: APPOINTMENT, clientId: 'cli_0000000001', inclTaxCents: 4500, status: 'pending' });
    expect(w.kicks.issuer).toBeGreaterThan(0);
  });

  it('names the invoice that exists (409), and lets a failed one be followed by a new one', async () => {
    const w = await world();
    const first = await createAppointmentInvoice(w.deps, TENANT, USER, input);
    const again = await failure(createAppointmentInvoice(w.deps, TENANT, USER, input));
    expect(isAppError(again) && [again.status, again.type, again.members]).toEqual([409, billingApi.BILLING_PROBLEMS.appointmentInvoiced, { invoiceId: first.id }]);
    expect(w.repositories.invoices.rows.size).toBe(1);
    first.status = 'failed';
    const second = await createAppointmentInvoice(w.deps, TENANT, USER, input);
    expect(second.id).not.toBe(first.id);
  });

  it("is 404 for another tenant's appointment or an unknown one, storing nothing", async () => {
    const w = await world();
    for (const [tenantId, appointmentId] of [['ten_0000000002', APPOINTMENT], [TENANT, 'apt_0000000404']]) {
      const refused = await failure(createAppointmentInvoice(w.deps, tenantId!, USER, { appointmentId: appointmentId!, sendByEmail: false }));
      expect(isAppError(refused) && refused.status).toBe(404);
    }
    expect(w.repositories.invoices.rows.size).toBe(0);
  });
});
