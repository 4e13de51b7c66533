import type { OwnerDeclaration } from '@homi/contracts';
import { declaration as billing } from '../../services/billing-integration/src/privacy';
import { declaration as helpdesk } from '../../services/helpdesk/src/privacy';
import { declaration as identity } from '../../services/identity/src/privacy';
import { privacyDeclaration as privacy } from '../../services/privacy/src/privacy';
import { declaration as tenantData } from '../../services/tenant-data/src/privacy';

// A privacy request's report names each data owner and each category of data it acted on, as the
// owners declare them; the web app shows them in words. A name without words shows as the service
// reported it ("client-alerts" on a Dutch page), so every declared name has words in both languages.
const owners: OwnerDeclaration[] = [billing, helpdesk, identity, privacy, tenantData];

// The web app's catalogs are ES modules resolved by its bundler; required here (ts-jest compiles them)
// rather than imported, so that this package's type check, which resolves as Node does, leaves them to the web app's own.
type Words = {
  privacyRequests: { owners: Record<string, string>; categories: Record<string, string> };
  dataMap: { purposes: Record<string, string>; retentionStarts: Record<string, string> };
};
/* eslint-disable @typescript-eslint/no-require-imports */
const { privacyAreaNl } = require('../../apps/web/src/i18n/areas/privacy.nl') as { privacyAreaNl: Words };
const { privacyAreaEn } = require('../../apps/web/src/i18n/areas/privacy.en') as { privacyAreaEn: Words };
/* eslint-enable @typescript-eslint/no-require-imports */

describe("the words for a privacy request's report", () => {
  it.each([
    ['nl', privacyAreaNl.privacyRequests],
    ['en', privacyAreaEn.privacyRequests],
  ])('name every data owner and every category it declares (%s)', (_language, words) => {
    const { categories, owners: ownerNames } = words;
    expect(owners.map((o) => o.owner).filter((name) => !ownerNames[name])).toEqual([]);
    expect(owners.flatMap((o) => o.categories.filter((c) => !categories[c.name]).map((c) => `${o.owner}: ${c.name}`))).toEqual([]);
  });
});

describe('the words for the record of processing (/data-map)', () => {
  it.each([
    ['nl', privacyAreaNl.dataMap],
    ['en', privacyAreaEn.dataMap],
  ])("give every declared category its purpose, and the start of its retention where it has a period (%s)", (_language, words) => {
    const categories = owners.flatMap((o) => o.categories.map((c) => ({ at: `${o.owner}: ${c.name}`, ...c })));
    expect(categories.filter((c) => !words.purposes[c.name]).map((c) => c.at)).toEqual([]);
    expect(categories.filter((c) => c.retention.period !== null && !words.retentionStarts[c.name]).map((c) => c.at)).toEqual([]);
  });
});
