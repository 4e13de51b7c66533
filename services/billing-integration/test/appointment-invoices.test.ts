import request from 'supertest';
import { devServiceKeys, newId, SERVICE_HEADER, signService } from '@homi/service-kit';
import { startedAroundAll } from '@homi/testing';
import { ACCOUNT, as, connectedTenant, owner, settled, staff, startHarness, tenantDataAs, type Harness } from './harness';

// Invoicing an appointment (ADR 55): billing-integration asks tenant-data's internal route for the
// appointment, its client and treatment, and makes the line from the treatment's price and VAT rate.

let h: Harness;
startedAroundAll(startHarness, (started) => (h = started));
afterEach(() => h.sim.inject({}));

const account = () => h.sim.state.account(ACCOUNT.username);
const atProvider = (invoiceId: string) => account().invoices.filter((i) => i.invoicenote.includes(`homi-ref:${invoiceId}`));
// 10:30 in Amsterdam on 12 December 2026 (winter time): the line names that day.
const STARTS_AT = '2026-12-12T09:30:00.000Z';

type Tenant = Awaited<ReturnType<typeof connectedTenant>>;

async function book(t: Pick<Tenant, 'td' | 'clientId'>, treatment: { name?: string; priceCents: number; taxRate: number } | null, startsAt = STARTS_AT) {
  let treatmentId: string | undefined;
  if (treatment) {
    const made = await t.td.post('/treatments', { name: treatment.name ?? 'Pedicure', durationMinutes: 45, priceCents: treatment.priceCents, taxRate: treatment.taxRate });
    expect(made.status).toBe(201);
    treatmentId = made.body.id;
  }
  const body = treatmentId
    ? { clientId: t.clientId, startsAt, treatmentId }
    : { clientId: t.clientId, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), treatment: 'Iets vrijs' };
  const booked = await t.td.post('/appointments', body);
  expect(booked.status).toBe(201);
  return booked.body.id as string;
}

const invoicesOf = async (t: Pick<Tenant, 'api'>) => (await t.api.get('/invoices')).body.items as { id: string; appointmentId: string | null }[];

describe('invoicing an appointment', () => {
  it("invoices the appointment's client with its treatment at its price and VAT rate, exactly to the cent at FactuurSturen", async () => {
    const t = await connectedTenant(h);
    const appointmentId = await book(t, { name: 'Medische pedicure', priceCents: 4500, taxRate: 21 });
    const res = await t.api.post('/invoices', { appointmentId });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`${t.api.base}/invoices/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'pending', clientId: t.clientId, appointmentId, sendByEmail: false,
      lines: [{ description: 'Medische pedicure, 12-12-2026', quantity: 1, unitPriceCents: 3719, taxRate: 21 }],
      totals: { exclTaxCents: 3719, taxCents: 781, inclTaxCents: 4500 },
    });
    const done = await settled(t.api, res.body.id);
    expect(done).toMatchObject({ status: 'created', appointmentId });
    const [remote] = atProvider(res.body.id);
    expect(remote).toMatchObject({ totalexcltax: 37.19, tax: 7.81, totalintax: 45, contact: 'Anna de Vries' });
    expect(Object.values(remote!.lines).map((l) => [l.price, l.tax_rate, l.amount])).toEqual([[37.19, 21, 1]]);
    const listed = await t.api.get(`/invoices?appointmentId=${appointmentId}`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
  });

  it.each([
    // 4503 at 21 %: 3721 excluding VAT gives 4502 and 3722 gives 4504, so a rounding line of a cent makes it exact.
    { priceCents: 4503, taxRate: 21, lines: [[3721, 21], [1, 21]], tax: 781 },
    { priceCents: 2750, taxRate: 9, lines: [[2523, 9]], tax: 227 },
    // The VAT on 1150 at 9 % would be 103.5 cents: half a cent is avoided, 1149 (103) and a rounding line of 2 cents.
    { priceCents: 1254, taxRate: 9, lines: [[1149, 9], [2, 9]], tax: 103 },
    { priceCents: 3995, taxRate: 0, lines: [[3995, 0]], tax: 0 },
  ])('makes $priceCents cents at $taxRate % add up to the price at FactuurSturen', async ({ priceCents, taxRate, lines, tax }) => {
    const t = await connectedTenant(h);
    const res = await t.api.post('/invoices', { appointmentId: await book(t, { priceCents, taxRate }) });
    expect(res.status).toBe(202);
    expect(res.body.lines.map((l: { unitPriceCents: number; taxRate: number }) => [l.unitPriceCents, l.taxRate])).toEqual(lines);
    expect(res.body.totals).toEqual({ exclTaxCents: priceCents - tax, taxCents: tax, inclTaxCents: priceCents });
    await settled(t.api, res.body.id);
    const [remote] = atProvider(res.body.id);
    expect(Math.round(remote!.totalintax * 100)).toBe(priceCents);
    expect(Math.round(remote!.tax * 100)).toBe(tax);
  });

  it('makes one invoice when twenty requests for one appointment arrive at once; each other one is 409 naming it', async () => {
    const t = await connectedTenant(h);
    const appointmentId = await book(t, { priceCents: 6000, taxRate: 21 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.api.post('/invoices', { appointmentId })));
    const accepted = answers.filter((r) => r.status === 202);
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]!.body.id;
    const refused = answers.filter((r) => r.status !== 202);
    expect(refused.map((r) => r.status)).toEqual(Array(19).fill(409));
    for (const r of refused) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ type: expect.stringMatching(/appointment-already-invoiced$/), invoiceId: winner });
    }
    expect((await invoicesOf(t)).map((i) => i.id)).toEqual([winner]);
    await settled(t.api, winner);
    expect(atProvider(winner)).toHaveLength(1);
    // Later too, once it was made.
    const again = await t.api.post('/invoices', { appointmentId });
    expect(again.status).toBe(409);
    expect(again.body.invoiceId).toBe(winner);
    expect(again.body.detail).toContain(winner);
  });

  it('lets an appointment whose invoice failed be invoiced again', async () => {
    const t = await connectedTenant(h, { name: 'Zonder Mail' });
    const appointmentId = await book(t, { priceCents: 3000, taxRate: 21 });
    const first = await t.api.post('/invoices', { appointmentId, sendByEmail: true });
    expect(await settled(t.api, first.body.id)).toMatchObject({ status: 'failed', lastError: 'invoicing-refused' });
    const second = await t.api.post('/invoices', { appointmentId });
    expect(second.status).toBe(202);
    expect(await settled(t.api, second.body.id)).toMatchObject({ status: 'created', appointmentId });
    expect((await t.api.post('/invoices', { appointmentId })).body.invoiceId).toBe(second.body.id);
  });

  it('invoices a completed appointment; refuses a free-text one, a cancelled one and a no-show with 422, storing nothing', async () => {
    const t = await connectedTenant(h);
    const completed = await book(t, { priceCents: 2500, taxRate: 21 }, '2026-12-10T09:00:00.000Z');
    expect((await t.td.patch(`/appointments/${completed}`, { status: 'completed' })).status).toBe(200);
    expect((await t.api.post('/invoices', { appointmentId: completed })).status).toBe(202);

    const freeText = await book(t, null, '2026-12-11T09:00:00.000Z');
    const noTreatment = await t.api.post('/invoices', { appointmentId: freeText });
    expect(noTreatment.status).toBe(422);
    expect(noTreatment.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noTreatment.body.type).toMatch(/appointment-without-treatment$/);
    for (const [status, at] of [['cancelled', '2026-12-13T09:00:00.000Z'], ['no-show', '2026-12-14T09:00:00.000Z']] as const) {
      const id = await book(t, { priceCents: 2500, taxRate: 21 }, at);
      expect((await t.td.patch(`/appointments/${id}`, { status })).status).toBe(200);
      const res = await t.api.post('/invoices', { appointmentId: id });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/appointment-not-invoiceable$/), appointmentStatus: status });
    }
    expect((await invoicesOf(t)).map((i) => i.appointmentId)).toEqual([completed]);
  });

  it("answers 404 for another institute's appointment and for an unknown one, and refuses bad bodies with 400, storing nothing", async () => {
    const a = await connectedTenant(h);
    const theirs = await book(a, { priceCents: 4000, taxRate: 21 });
    const b = await connectedTenant(h);
    const foreign = await b.api.post('/invoices', { appointmentId: theirs });
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(foreign.body.detail).not.toContain(theirs);
    expect((await b.api.post('/invoices', { appointmentId: 'apt_0000000000000000000000' })).status).toBe(404);
    const mine = await book(b, { priceCents: 4000, taxRate: 21 });
    const bad = [
      { appointmentId: 'nope' }, { appointmentId: b.clientId }, { appointmentId: mine, lines: [{ description: 'x', quantity: 1, unitPriceCents: 1, taxRate: 21 }] },
      { appointmentId: mine, clientId: b.clientId }, { appointmentId: mine, sendByEmail: 'yes' }, { appointmentId: null },
    ];
    for (const body of bad) {
      const res = await b.api.post('/invoices', body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
    expect(await invoicesOf(b)).toEqual([]);
    expect(await invoicesOf(a)).toEqual([]);
    expect((await b.api.get('/invoices?appointmentId=nope')).status).toBe(400);
  });

  it('needs invoicing:edit, clients:view and agenda:view (403), and a connection (409), storing nothing', async () => {
    const t = await connectedTenant(h);
    const appointmentId = await book(t, { priceCents: 4000, taxRate: 21 });
    const denied = [
      { invoicing: 'view', clients: 'view', agenda: 'view' }, { invoicing: 'edit', agenda: 'view' }, { invoicing: 'edit', clients: 'view' },
    ] as const;
    for (const grants of denied) {
      const res = await as(h, staff(t.caller.tenantId, grants)).post('/invoices', { appointmentId });
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/module-permission-required$/);
    }
    expect(await invoicesOf(t)).toEqual([]);
    const allowed = await as(h, staff(t.caller.tenantId, { invoicing: 'edit', clients: 'view', agenda: 'view' })).post('/invoices', { appointmentId });
    expect(allowed.status).toBe(202);

    const lone = owner();
    const td = tenantDataAs(h, lone);
    const clientId = (await td.post('/clients', { name: 'Bea' })).body.id;
    const unconnected = await as(h, lone).post('/invoices', { appointmentId: await book({ td, clientId }, { priceCents: 4000, taxRate: 21 }) });
    expect(unconnected.status).toBe(409);
    expect(unconnected.body.type).toMatch(/invoicing-not-connected$/);
    expect((await as(h, lone).get('/invoices')).body.items).toEqual([]);
  });
});

describe("tenant-data's internal appointment route", () => {
  it('answers billing-integration only, within the tenant, with the client id, status, day and treatment price, never notes', async () => {
    const t = await connectedTenant(h);
    const appointmentId = await book(t, { name: 'Gelnagels', priceCents: 5250, taxRate: 21 });
    expect((await t.td.patch(`/appointments/${appointmentId}`, { notes: 'privé' })).status).toBe(200);
    const path = `/internal/v1/tenants/${t.caller.tenantId}/appointments/${appointmentId}`;
    const signed = (service: string, to = path, audience = 'tenant-data') => signService(devServiceKeys(service), { audience, method: 'GET', path: to });
    const ok = await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, signed('billing-integration'));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      id: appointmentId, clientId: t.clientId, status: 'booked', startsAt: STARTS_AT,
      treatment: { id: expect.stringMatching(/^trt_/), name: 'Gelnagels', priceCents: 5250, taxRate: 21 },
    });
    expect((await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, signed('gateway'))).status).toBe(403);
    expect((await request(h.tenantDataServer).get(path)).status).toBe(401);
    expect((await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, signed('billing-integration', `${path}x`))).status).toBe(401);
    const otherPath = `/internal/v1/tenants/${newId('ten')}/appointments/${appointmentId}`;
    const other = await request(h.tenantDataServer).get(otherPath).set(SERVICE_HEADER, signed('billing-integration', otherPath));
    expect(other.status).toBe(404);
    expect(other.body.type).toMatch(/appointment-not-found$/);
  });
});
