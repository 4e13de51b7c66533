import { unzip } from '@homi/testing';
import { client, eventually, startPlatformForFile, type Platform } from './platform';

// Issue 16, item 8, through the gateway: the institute's owner exports everything it holds as one zip
// of JSON and CSV files (ADR 54); nobody else can, and each start and download is in its audit log.
let p: Platform;
startPlatformForFile((started) => (p = started));

interface Entry { action: string; actor: { kind: string; userId?: string }; details: { method?: string; route?: string; resourceIds?: Record<string, string> } }
interface ExportView { id: string; status: string; complete: boolean; records: Record<string, number> }

describe('the institute export, end to end', () => {
  it('gives the owner a zip whose files hold exactly what the institute entered, with a manifest of the counts', async () => {
    const { institute, t, owner } = await p.signupReady('Salon Alles Mee');
    const treatmentId = (await owner.post(`/tenants/${t}/treatments`, { name: 'Medische pedicure', durationMinutes: 45, priceCents: 5200, taxRate: 21 })).body.id as string;
    const clients: string[] = [];
    for (const name of ['Anna Export', 'Bram Export', 'Cor Export']) {
      const res = await owner.post(`/tenants/${t}/clients`, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.nl`, notes: 'Komt graag op maandag' });
      expect(res.status).toBe(201);
      clients.push(res.body.id as string);
    }
    for (const [i, day] of ['01', '02', '03', '04'].entries()) {
      const res = await owner.post(`/tenants/${t}/appointments`, {
        clientId: clients[i % 3], startsAt: `2026-12-${day}T10:00:00+01:00`, treatmentId, notes: i === 0 ? 'eelt verwijderd' : undefined,
      });
      expect(res.status).toBe(201);
    }
    expect((await owner.put(`/tenants/${t}/clients/${clients[0]}/alerts`, { items: [{ kind: 'allergy', text: 'Latexallergie' }] })).status).toBe(200);
    expect((await owner.post(`/tenants/${t}/clients/${clients[1]}/notes`, { text: 'Kloofjes hiel rechts' })).status).toBe(201);
    const admin = await p.addMember(institute, 'admin', { clients: 'edit', agenda: 'edit', settings: 'edit', users: 'edit' });

    const started = await owner.post(`/tenants/${t}/exports`);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    expect(started.headers.get('location')).toContain(`/tenants/${t}/exports/${id}`);
    // Asked again while it runs: the same export, not a second one.
    const again = await owner.post(`/tenants/${t}/exports`);
    expect(again.body.id === id || again.body.status !== 'in_progress').toBe(true);
    // Not a privacy request: it does not show among the owner's requests.
    expect(((await owner.get('/privacy/requests')).body.items as { id: string }[]).map((r) => r.id)).not.toContain(id);

    const ready = await eventually(async () => {
      const items = (await owner.get(`/tenants/${t}/exports`)).body.items as ExportView[];
      const mine = items.find((e) => e.id === id);
      return mine?.status === 'ready' && mine;
    }, 'the export to be ready', 60_000);
    expect(ready).toMatchObject({ complete: true, records: expect.objectContaining({ 'client-profile': 3, appointments: 4, treatments: 1 }) });

    const res = await fetch(`${p.gateway}/api/v1/tenants/${t}/exports/${id}`, { headers: { authorization: `Bearer ${institute.ownerToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null');
    const csvRows = (name: string) => (files.get(name)?.toString('utf8') ?? '').trim().split('\r\n').length - 1;

    const profiles = json('tenant-data/client-profile.json') as { id: string; name: string; notes: string }[];
    expect(profiles.map((c) => c.id).sort()).toEqual([...clients].sort());
    expect(profiles.map((c) => c.name).sort()).toEqual(['Anna Export', 'Bram Export', 'Cor Export']);
    expect(csvRows('tenant-data/client-profile.csv')).toBe(3);
    const appointments = json('tenant-data/appointments.json') as { client_id: string; treatment_id: string; status: string }[];
    expect(appointments).toHaveLength(4);
    expect(appointments.every((a) => a.treatment_id === treatmentId && a.status === 'booked')).toBe(true);
    expect(csvRows('tenant-data/appointments.csv')).toBe(4);
    expect(json('tenant-data/treatments.json')).toEqual([expect.objectContaining({ id: treatmentId, name: 'Medische pedicure', price_cents: 5200, tax_rate: 21 })]);
    expect(files.has('tenant-data/treatments.csv')).toBe(true);
    expect(json('tenant-data/treatment-notes.json')).toEqual([expect.objectContaining({ notes: 'eelt verwijderd' })]);
    // Health data decrypted, for the owner.
    expect(json('tenant-data/client-alerts.json')).toEqual([{ clientId: clients[0], kind: 'allergy', text: 'Latexallergie' }]);
    expect(json('tenant-data/client-notes.json')).toEqual([expect.objectContaining({ client_id: clients[1], text: 'Kloofjes hiel rechts' })]);
    expect(json('tenant-data/institute-profile.json')).toEqual([expect.objectContaining({ tenant_id: t, name: 'Salon Alles Mee' })]);
    const members = json('identity/memberships.json') as { user_id: string; role: string; email: string }[];
    expect(members.map((m) => [m.user_id, m.role]).sort()).toEqual([[institute.owner.id, 'owner'], [admin.id, 'admin']].sort());
    expect(members.find((m) => m.user_id === admin.id)?.email).toBe(admin.email);
    expect(csvRows('identity/memberships.csv')).toBe(2);
    // Non-tabular categories: JSON only.
    expect(files.has('tenant-data/client-notes.json') && !files.has('tenant-data/client-notes.csv')).toBe(true);

    const manifest = json('manifest.json');
    expect(manifest).toMatchObject({ kind: 'homi-institute-export', tenantId: t, exportId: id, complete: true, missingServices: [] });
    expect(manifest.records).toMatchObject({ 'tenant-data/client-profile': 3, 'tenant-data/appointments': 4, 'tenant-data/treatments': 1, 'identity/memberships': 2 });
    for (const name of manifest.files as string[]) expect(files.has(name)).toBe(true);
    expect(files.get('README.txt')?.toString('utf8')).toContain('eigendom van u');

    // Each start and each download is on the institute's audit log, by the owner, with ids only.
    const log = await eventually(async () => {
      const items = (await owner.get(`/tenants/${t}/audit-log?limit=100&actor=${institute.owner.id}`)).body.items as Entry[];
      const starts = items.filter((e) => e.details.route === '/tenants/:tenantId/exports' && e.details.method === 'POST');
      const downloads = items.filter((e) => e.details.route === '/tenants/:tenantId/exports/:exportId' && e.details.resourceIds?.exportId === id);
      return starts.length >= 2 && downloads.length >= 1 && { starts, downloads };
    }, 'the export in the audit log');
    expect(log.downloads[0]).toMatchObject({ action: 'tenant.action', actor: { kind: 'member', userId: institute.owner.id }, details: { method: 'GET' } });
    expect(JSON.stringify((await owner.get(`/tenants/${t}/audit-log?limit=100`)).body)).not.toContain('Latexallergie');
  }, 150_000);

  it('refuses admins and staff (403), other institutes (404) and bad ids (404), each as a problem that changes nothing', async () => {
    const institute = await p.signup('Salon Alleen Eigenaar');
    const t = institute.tenantId;
    const owner = client(p.gateway, institute.ownerToken);
    const admin = client(p.gateway, await p.login(await p.addMember(institute, 'admin', { clients: 'edit', settings: 'edit', users: 'edit' })));
    const staff = client(p.gateway, await p.login(await p.addMember(institute, 'staff', { clients: 'view' })));
    const otherInstitute = await p.signup('Salon Ander');
    const other = client(p.gateway, otherInstitute.ownerToken);
    const id = (await owner.post(`/tenants/${t}/exports`)).body.id as string;
    const problem = (res: { status: number; headers: Headers }, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    };
    for (const api of [admin, staff]) {
      problem(await api.post(`/tenants/${t}/exports`), 403);
      problem(await api.get(`/tenants/${t}/exports`), 403);
      problem(await api.get(`/tenants/${t}/exports/${id}`), 403);
    }
    problem(await other.post(`/tenants/${t}/exports`), 404);
    problem(await other.get(`/tenants/${t}/exports`), 404);
    problem(await other.get(`/tenants/${t}/exports/${id}`), 404);
    problem(await owner.get(`/tenants/${t}/exports/not-an-id`), 404);
    problem(await owner.get(`/tenants/${t}/exports/dsr_00000000000000000000`), 404);
    problem(await owner.get(`/tenants/ten_bad/exports`), 404);
    // The other institute's own export is not this one's.
    const otherId = (await other.post(`/tenants/${otherInstitute.tenantId}/exports`)).body.id as string;
    problem(await owner.get(`/tenants/${t}/exports/${otherId}`), 404);
    // The refusals started nothing: one export, the owner's.
    const items = (await owner.get(`/tenants/${t}/exports`)).body.items as ExportView[];
    expect(items.map((e) => e.id)).toEqual([id]);
  }, 120_000);
});
