import { client, completedRequest, startPlatformForFile, type Platform } from './platform';

// ADR 61, "Later": a notice job is kicked by the commits that wrote a notice, also when a consumer
// wrote it. The requester's "request completed" notice is written by privacy's results consumer; with
// the job's poll set to an hour, only that kick can mail it within seconds.
let p: Platform;
startPlatformForFile((started) => (p = started), { serviceEnv: { privacy: { NOTICE_INTERVAL_MS: '3600000' } } });

describe("the requester's notice of a completed request", () => {
  it('is mailed as soon as the results consumer completes the request, not at the notice job\'s next poll', async () => {
    const institute = await p.signup('Salon Bericht');
    const api = client(p.gateway, institute.ownerToken);
    const t = institute.tenantId;
    const cli = (await api.post(`/tenants/${t}/clients`, { name: 'Bep Bericht', email: 'bep.bericht@example.nl' })).body.id as string;
    const since = Date.now();
    const erasure = await api.post('/privacy/requests', { type: 'erasure', subject: { kind: 'client', tenantId: t, clientId: cli } });
    expect(erasure.status).toBe(202);
    await completedRequest(api, erasure.body.id);
    const mail = await p.mail.waitFor({ to: institute.owner.email, subject: /afgehandeld/, since, timeoutMs: 10_000 });
    expect(mail.subject).toBe('Je privacyverzoek is afgehandeld');
  });
});
