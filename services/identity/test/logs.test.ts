import { createTenant } from '../src/application/tenant-step';
import { as, ownerOf, publicApi, startIdentity, type Harness } from './harness';
import { signupBody, uniqueEmail } from './fixtures';
import { inviteAndJoin, tokenIn } from './invite';

let h: Harness;
let failTenantStep = false;
beforeAll(async () => {
  h = await startIdentity({
    tenantStep: async (em, tenant) => {
      await createTenant(em, tenant);
      if (failTenantStep) throw new Error('tenant step failed (injected)');
    },
  });
});
afterAll(() => h?.stop());

describe('logs', () => {
  it('carry no e-mail address, name, phone number or password through every flow', async () => {
    const body = signupBody({ name: 'Geheime Naam', institute: { name: 'Salon Geheim', phone: '0612345678' } });
    const { userId, tenantId } = (await publicApi(h).post('/api/v1/signup').send(body)).body;
    const owner = as(h, ownerOf(userId, tenantId));
    const colleague = uniqueEmail('geheim');
    await owner.post(`/api/v1/tenants/${tenantId}/members`, { email: colleague, name: 'Collega Geheim', role: 'staff' });
    const invitationToken = tokenIn((await h.mail.waitFor({ to: colleague })).text);
    const joined = await inviteAndJoin(h, { userId, tenantId }, 'staff', {}, { email: uniqueEmail('geheim') });
    const newAddress = uniqueEmail('nieuw-geheim');
    await as(h, { userId }).patch('/api/v1/me', { phone: '0687654321', name: 'Nog Geheimer', email: newAddress });
    const confirmation = tokenIn((await h.mail.waitFor({ to: newAddress })).text);
    await as(h, { userId }).post('/api/v1/me/email-confirmations', { token: confirmation });
    await publicApi(h).post('/api/v1/signup').send({ ...body, password: body.email });
    await publicApi(h).post('/api/v1/signup').send(body);
    failTenantStep = true;
    const failed = signupBody({ name: 'Mislukte Naam' });
    await publicApi(h).post('/api/v1/signup').send(failed);
    failTenantStep = false;
    await as(h, { userId }).delete('/api/v1/me');
    await new Promise((r) => setTimeout(r, 300));

    const logs = h.logLines.join('\n');
    expect(logs).toContain('"route":"/api/v1/signup"');
    expect(logs).toContain('"template":"invitation"');
    expect(logs).toContain('"template":"email-changed"');
    for (const secret of [invitationToken, confirmation, joined.email, joined.password, 'Bram Collega', newAddress]) expect(logs).not.toContain(secret);
    for (const secret of [body.email, body.password, colleague, failed.email, failed.password, 'Geheime Naam', 'Nog Geheimer', 'Collega Geheim', 'Mislukte Naam', '0612345678', '0687654321', 'Salon Geheim']) {
      expect(logs).not.toContain(secret);
    }
  });
});
