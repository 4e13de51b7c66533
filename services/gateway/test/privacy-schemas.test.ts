import { newId } from '@homi/service-kit';
import { toJsonSchema } from '../src/openapi/json-schema';
import * as documented from '../src/openapi/privacy-schemas';
// Test only, and only until the schemas live in libs/contracts/src/api/privacy.ts: the gateway's
// copies of the privacy service's request schemas must say what the service accepts.
import * as served from '../../privacy/src/http/validators';

const PAIRS = [
  ['CreatePrivacyRequest', documented.CreatePrivacyRequest, served.CreateRequest],
  ['ExtendPrivacyRequest', documented.ExtendPrivacyRequest, served.ExtendRequest],
  ['ListPrivacyRequestsQuery', documented.ListPrivacyRequestsQuery, served.ListQuery],
] as const;

const SAMPLES: unknown[] = [
  { type: 'access', subject: { kind: 'self' } },
  { type: 'rectification', subject: { kind: 'client', tenantId: newId('ten'), clientId: newId('cli') }, corrections: { email: 'a@b.nl' } },
  { type: 'rectification', subject: { kind: 'self' } },
  { type: 'erasure', subject: { kind: 'self' }, corrections: { email: 'x' } },
  { type: 'rectification', subject: { kind: 'self' }, corrections: { 'bad field': 'x', ok: 'y\u0000' } },
  { type: 'access', subject: { kind: 'client', tenantId: 'ten_x', clientId: newId('cli') } },
  { reason: 'Many owners to ask.', months: 2 },
  { reason: 'short', months: 3 },
  { limit: '10', cursor: 'abc' },
  { limit: '0', extra: 1 },
  {},
];

const outcome = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? 'ok' : result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort();

describe('the privacy schemas the OpenAPI document publishes', () => {
  it.each(PAIRS)('%s is what the privacy service accepts', (_name, copy, original) => {
    expect(toJsonSchema(copy, 'input')).toEqual(toJsonSchema(original, 'input'));
    for (const sample of SAMPLES) expect(outcome(copy.safeParse(sample))).toEqual(outcome(original.safeParse(sample)));
  });
});
