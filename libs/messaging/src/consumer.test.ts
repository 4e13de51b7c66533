import { coveringSubject } from './consumer';

describe('coveringSubject', () => {
  it('is the subject itself for one subject', () => {
    expect(coveringSubject(['tenant-data.client.created.v1'])).toBe('tenant-data.client.created.v1');
  });

  it('is the shared leading tokens plus > for several', () => {
    expect(coveringSubject(['tenant-data.client.created.v1', 'tenant-data.client.deleted.v1'])).toBe('tenant-data.client.>');
    expect(coveringSubject(['tenant-data.client.created.v1', 'tenant-data.appointment.created.v1'])).toBe('tenant-data.>');
  });

  it('refuses subjects with nothing in common, and an empty list', () => {
    expect(() => coveringSubject(['identity.tenant.created.v1', 'tenant-data.client.created.v1'])).toThrow(/filterSubject/);
    expect(() => coveringSubject([])).toThrow(/at least one contract/);
  });
});
