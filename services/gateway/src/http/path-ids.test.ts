import request from 'supertest';
import { newId } from '@homi/service-kit';
import { fakeGateway } from '../../test/support/fakes';

const now = () => Math.floor(Date.now() / 1000);

describe('path ids on routes for HOMi staff', () => {
  const gw = fakeGateway();

  // Found by the attack suite's fuzzing: these routes forwarded any id, and one the upstream request
  // could not carry (a space, an emoji) made the gateway answer 500.
  it.each(['%20', '%F0%9F%98%80', 'not-an-id', `${newId('sar')}x%00`])('answers 404 for a co-approval of request %s and forwards nothing', async (id) => {
    const { token } = gw.verifier.issue(newId('usr'), ['support'], { acr: '2', amr: ['pwd', 'otp'], authTime: now() });
    const res = await request(gw.http.app).post(`/api/v1/support/access-requests/${id}/co-approve`).set('authorization', `Bearer ${token}`);
    expect([res.status, res.body.type]).toEqual([404, expect.stringMatching(/not-found$/)]);
    expect(gw.identity.requests).toEqual([]);
  });
});
