import { identityApi } from './api';
import { TenantCreated } from './identity';
import { natsName } from './nats-namespace';

describe('identity contracts', () => {
  it('announces a new tenant by id and time only: an institute name cannot travel on the bus', () => {
    expect(TenantCreated.subject).toBe(natsName.subject('identity.tenant.created.v2'));
    const occurredAt = '2026-11-25T10:00:00.000Z';
    expect(TenantCreated.schema.parse({ tenantId: 'ten_0123456789ab', occurredAt })).toEqual({ tenantId: 'ten_0123456789ab', occurredAt });
    expect(TenantCreated.schema.safeParse({ tenantId: 'ten_0123456789ab', instituteName: 'Salon Jansen', occurredAt }).success).toBe(false);
  });

  it('gives the institute details their internal path and shape', () => {
    expect(identityApi.identityInternalPaths.tenant('ten_0123456789ab')).toBe('/internal/v1/tenants/ten_0123456789ab');
    const details = {
      tenantId: 'ten_0123456789ab',
      name: 'Salon Jansen',
      kvkNumber: '12345678',
      address: { street: 'Markt', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
      phone: null,
    };
    expect(identityApi.InstituteDetails.parse(details)).toEqual(details);
    expect(identityApi.InstituteDetails.safeParse({ ...details, kvkNumber: undefined }).success).toBe(false);
  });
});
