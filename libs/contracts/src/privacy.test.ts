import { natsName } from './nats-namespace';
import { OwnerAnnounced, OwnerResultReported, PRIVACY_STREAM } from './privacy';

describe('the messages an owner publishes about itself', () => {
  it('go on a subject naming the owner, inside the PRIVACY stream, one filter covering every owner', () => {
    expect(OwnerAnnounced.forOwner('tenant-data').subject).toBe(natsName.subject('privacy.owner.tenant-data.announced.v1'));
    expect(OwnerResultReported.forOwner('billing-integration').subject).toBe(natsName.subject('privacy.owner.billing-integration.result-reported.v1'));
    expect(OwnerAnnounced.filter).toBe(natsName.subject('privacy.owner.*.announced.v1'));
    expect(PRIVACY_STREAM.subjects).toEqual([natsName.subject('privacy.>')]);
  });

  it('read the owner back from a subject, and nothing from another message’s or a malformed one', () => {
    expect(OwnerAnnounced.ownerOf(natsName.subject('privacy.owner.identity.announced.v1'))).toBe('identity');
    expect(OwnerAnnounced.ownerOf(natsName.subject('privacy.owner.identity.result-reported.v1'))).toBeUndefined();
    expect(OwnerAnnounced.ownerOf(natsName.subject('privacy.owner.announced.v1'))).toBeUndefined();
    expect(OwnerResultReported.ownerOf(natsName.subject('privacy.owner.a.b.result-reported.v1'))).toBeUndefined();
  });

  it('refuse a name that is not an owner name: no dots or wildcards into a subject', () => {
    expect(() => OwnerAnnounced.forOwner('tenant-data.>')).toThrow(/not an owner name/);
    expect(() => OwnerResultReported.forOwner('*')).toThrow(/not an owner name/);
  });
});
