import { Client } from 'pg';
import { unzip } from '@homi/testing';
import { searchDatabases, searchStreams } from './forensics';
import { client, completedRequest, eventually, startPlatformForFile, type Platform } from './platform';

// Issue 4 as an institute meets it, and as an auditor checks it afterwards.
let p: Platform;
startPlatformForFile((started) => (p = started));

describe('privacy requests, end to end', () => {
  it("exports every record of a client, then erases the client from every table and every stream", async () => {
    const institute = await p.signup('Salon Privé');
    const api = client(p.gateway, institute.ownerToken);
    const t = institute.tenantId;
    const person = { name: 'Wilhelmina Zeldzaam', email: 'wilhelmina.zeldzaam@example.nl', phone: '0687654321' };
    const cli = (await api.post(`/tenants/${t}/clients`, { ...person, notes: 'allergisch voor latex' })).body.id as string;
    for (const day of ['01', '08']) {
      const res = await api.post(`/tenants/${t}/appointments`, { clientId: cli, startsAt: `2026-12-${day}T10:00:00Z`, endsAt: `2026-12-${day}T11:00:00Z`, treatment: 'Pedicure', notes: `behandeling ${day}` });
      expect(res.status).toBe(201);
    }
    const subject = { kind: 'client', tenantId: t, clientId: cli };

    const access = await api.post('/privacy/requests', { type: 'access', subject });
    expect(access.status).toBe(202);
    const done = await completedRequest(api, access.body.id);
    expect(done.owners.map((o: { owner: string }) => o.owner)).toEqual(expect.arrayContaining(['identity', 'tenant-data']));
    const zip = await fetch(`${p.gateway}/api/v1/privacy/requests/${access.body.id}/export`, { headers: { authorization: `Bearer ${institute.ownerToken}` } });
    expect(zip.status).toBe(200);
    const files = unzip(Buffer.from(await zip.arrayBuffer()));
    const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null');
    expect(json('tenant-data/client-profile.json')).toEqual([expect.objectContaining({ id: cli, ...person, notes: 'allergisch voor latex' })]);
    expect(json('tenant-data/appointments.json')).toHaveLength(2);
    expect(json('tenant-data/treatment-notes.json').map((n: { notes: string }) => n.notes).sort()).toEqual(['behandeling 01', 'behandeling 08']);
    expect(files.get('tenant-data/client-profile.csv')?.toString('utf8')).toContain(person.email);
    expect(files.get('README.txt')?.toString('utf8')).toContain('Autoriteit Persoonsgegevens');

    const erasure = await api.post('/privacy/requests', { type: 'erasure', subject });
    expect(erasure.status).toBe(202);
    const report = (await completedRequest(api, erasure.body.id)).report as { category: string; action: string; records: number }[];
    expect(report).toEqual(expect.arrayContaining([
      expect.objectContaining({ category: 'client-profile', action: 'erased', records: 1 }),
      expect.objectContaining({ category: 'appointments', action: 'erased', records: 2 }),
    ]));
    expect(report.filter((r) => r.action === 'retained')).toEqual([]);
    expect((await api.get(`/tenants/${t}/clients/${cli}`)).status).toBe(404);
    expect((await fetch(`${p.gateway}/api/v1/privacy/requests/${access.body.id}/export`, { headers: { authorization: `Bearer ${institute.ownerToken}` } })).status).toBe(410);

    const needles = [person.name, person.email, person.phone, 'allergisch voor latex', 'behandeling 01'];
    expect(await searchDatabases(p.databases, needles)).toEqual([]);
    expect(await searchStreams(p.natsUrl, needles)).toEqual([]);
  }, 90_000);

  it('mails the requester, in the language they asked in, once when the deadline is extended and once when the request is carried out (ADR 51)', async () => {
    const institute = await p.signup('Salon Bericht');
    const api = client(p.gateway, institute.ownerToken);
    const t = institute.tenantId;
    const person = { name: 'Berthe Berichtloos', email: 'berthe.berichtloos@example.nl' };
    const cli = (await api.post(`/tenants/${t}/clients`, person)).body.id as string;
    const owner = institute.owner.email;
    const since = Date.now();
    // tenant-data is down for a while, so the request is still open when the institute extends it.
    const tenantDataBack = p.restart('tenantData', 'SIGKILL', { downMs: 6000 });
    const access = await api.post('/privacy/requests', { type: 'access', subject: { kind: 'client', tenantId: t, clientId: cli } }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(access.status).toBe(202);
    const id = access.body.id as string;
    const reason = 'Several archives of the institute must be searched by hand first.';
    const extended = await api.post(`/privacy/requests/${id}/extension`, { months: 1, reason });
    expect(extended.status).toBe(200);

    const extensionMail = await p.mail.waitFor({ to: owner, since, subject: /takes longer/ });
    expect(extensionMail.subject).toBe('Your privacy request takes longer');
    expect(extensionMail.messageId).toMatch(/^<ntf_[^>]+\.privacy-notice@homi>$/);
    expect(extensionMail.text).toContain('access request');
    expect(extensionMail.text).toContain(`${p.web}/privacy-requests/${id}`);
    // The why and the who are read signed in: neither the reason nor the client is in the mail.
    for (const secret of [reason, person.name, person.email, cli]) expect(extensionMail.text).not.toContain(secret);

    await tenantDataBack;
    await completedRequest(api, id);
    const completionMail = await p.mail.waitFor({ to: owner, since, subject: /carried out/, timeoutMs: 20_000 });
    expect(completionMail.text).toContain(`${p.web}/privacy-requests/${id}`);
    for (const secret of [person.name, person.email, cli]) expect(completionMail.text).not.toContain(secret);
    // Exactly one of each, however often the job ran meanwhile.
    await new Promise((r) => setTimeout(r, 2500));
    const toOwner = (await p.mail.list(owner)).filter((m) => Date.parse(m.receivedAt) >= since).map((m) => m.subject).sort();
    expect(toOwner).toEqual(['Your privacy request has been carried out', 'Your privacy request takes longer']);
  }, 90_000);

  it('erases the user and the whole tenant across every owner when the only owner deletes the account', async () => {
    const institute = await p.signup('Salon Afscheid');
    const api = client(p.gateway, institute.ownerToken);
    const t = institute.tenantId;
    await api.post(`/tenants/${t}/clients`, { name: 'Client Van Afscheid', email: 'afscheid@example.nl' });
    const deleted = await api.delete('/me');
    expect(deleted.status).toBe(202);
    const requestId = deleted.body.erasureRequestId as string;

    const pg = new Client({ connectionString: p.databases.privacy });
    await pg.connect();
    try {
      const all = await eventually(async () => {
        const rows = await pg.query<{ id: string; status: string; subject: { kind: string } }>(
          'select id, status, subject from requests where id = $1 or parent_id = $1', [requestId]);
        return rows.rows.length === 2 && rows.rows.every((r) => r.status === 'completed') && rows.rows;
      }, 'the user and tenant erasures to complete', 40_000);
      expect(all.map((r) => r.subject.kind).sort()).toEqual(['tenant', 'user']);
    } finally {
      await pg.end();
    }
    const needles = [institute.owner.email, 'Client Van Afscheid', 'afscheid@example.nl', 'Salon Afscheid'];
    expect(await searchDatabases({ tenantData: p.databases.tenantData, identity: p.databases.identity }, needles)).toEqual([]);
    expect(await searchStreams(p.natsUrl, needles)).toEqual([]);
    const login = await fetch(`${p.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'homi-cli', grant_type: 'password', username: institute.owner.email, password: institute.owner.password }),
    });
    expect(login.status).toBe(401);
  }, 90_000);
});
