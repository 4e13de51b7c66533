import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUS_RIGHTS, DEPLOYED_NATS_USERS_FILE, deployedNatsUsers, natsPermissions } from './nats-permissions';

describe('the NATS users generated from BUS_RIGHTS', () => {
  it('are what compose and the chart deploy (regenerate with node scripts/nats-config.mjs)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../..', DEPLOYED_NATS_USERS_FILE), 'utf8');
    expect(committed).toBe(deployedNatsUsers());
  });

  it('give the gateway no KV put and no publish outside its own subjects', () => {
    const allowed = natsPermissions(BUS_RIGHTS.gateway, 'gateway').publish.allow;
    expect(allowed.filter((s) => s.startsWith('$KV.'))).toEqual([]);
    expect(allowed.filter((s) => !s.startsWith('$'))).toEqual(['audit.support-access.refused.v1', 'audit.tenant-action.performed.v1', 'gateway.usage.reported.v1']);
  });

  it('put every name in a test run\'s namespace', () => {
    const { publish, subscribe } = natsPermissions(BUS_RIGHTS.identity, 'identity', 'tabc');
    expect(publish.allow).toContain('tabc.identity.>');
    expect(publish.allow).toContain('$KV.tabc_homi_memberships.>');
    expect(publish.allow).toContain('$JS.API.CONSUMER.MSG.NEXT.tabc_IDENTITY.identity-kv-projection');
    expect(publish.allow.filter((s) => !s.startsWith('$') && !s.startsWith('tabc.'))).toEqual([]);
    expect(subscribe.allow).toEqual(['_INBOX_identity.>']);
  });
});
