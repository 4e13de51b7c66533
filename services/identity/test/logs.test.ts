import { createTenant } from '../src/application/tenant-step';
import { as, ownerOf, publicApi, startIdentity, type Harness } from './harness';
import { signupBody, uniqueEmail } from './fixtures';
import { inviteAndJoin, tokenIn } from './invite';
import { eventually } from './support';

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
    const signedUp = await publicApi(h).post('/api/v1/signup').send(body);
    expect(signedUp.status).toBe(201);
    const { userId, tenantId } = signedUp.body;
    const owner = as(h, ownerOf(userId, tenantId));
    const colleague = uniqueEmail('geheim');
    expect((await owner.post(`/api/v1/tenants/${tenantId}/members`, { email: colleague, name: 'Collega Geheim', role: 'staff' })).status).toBe(202);
    const invitationToken = tokenIn((await h.mail.waitFor({ to: colleague })).text);
    const joined = await inviteAndJoin(h, { userId, tenantId }, 'staff', {}, { email: uniqueEmail('geheim') });
    const newAddress = uniqueEmail('nieuw-geheim');
    expect((await as(h, { userId }).patch('/api/v1/me', { phone: '0687654321', name: 'Nog Geheimer', email: newAddress })).status).toBe(200);
    const confirmation = tokenIn((await h.mail.waitFor({ to: newAddress })).text);
    expect((await as(h, { userId }).post('/api/v1/me/email-confirmations', { token: confirmation })).status).toBe(200);
    // Refused sign-ups log too: a password equal to the address, and an address already taken.
    expect((await publicApi(h).post('/api/v1/signup').send({ ...body, password: body.email })).status).toBe(400);
    expect((await publicApi(h).post('/api/v1/signup').send(body)).status).toBe(409);
    failTenantStep = true;
    const failed = signupBody({ name: 'Mislukte Naam' });
    expect((await publicApi(h).post('/api/v1/signup').send(failed)).status).toBe(500);
    failTenantStep = false;
    expect((await as(h, { userId }).delete('/api/v1/me')).status).toBe(202);
    // The request line is written when the response finishes: wait for it rather than for a while.
    await eventually(async () => h.logLines.some((l) => l.includes('"method":"DELETE"') && l.includes('"route":"/api/v1/me"')), 'the deletion logged');

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
