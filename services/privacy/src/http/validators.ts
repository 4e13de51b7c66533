import { z } from 'zod';
import { RequestType } from '@homi/contracts';

const tenantId = z.string().regex(/^ten_[0-9A-Za-z]{8,40}$/, 'must be a tenant id');
const clientId = z.string().regex(/^cli_[0-9A-Za-z]{8,40}$/, 'must be a client id');
const field = /^[A-Za-z][A-Za-z0-9_.]{0,59}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const MAX_CORRECTIONS = 20;

/** Field → new value, for a rectification: at most 20 fields, each value text of at most 500 characters. */
const Corrections = z
  .record(z.string().regex(field, 'must be a field name'), z.string().max(500).refine((v) => !CONTROL.test(v), 'must not contain control characters'))
  .refine((c) => Object.keys(c).length >= 1, 'must name at least one field')
  .refine((c) => Object.keys(c).length <= MAX_CORRECTIONS, `must name at most ${MAX_CORRECTIONS} fields`);

export const CreateRequest = z
  .strictObject({
    type: RequestType,
    subject: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('self') }),
      z.strictObject({ kind: z.literal('client'), tenantId, clientId }),
    ]),
    corrections: Corrections.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'rectification' && !body.corrections) ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'required for a rectification' });
    if (body.type !== 'rectification' && body.corrections) ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'only a rectification takes corrections' });
  });

export const ExtendRequest = z.strictObject({
  reason: z.string().trim().min(10).max(1000).refine((v) => !CONTROL.test(v), 'must not contain control characters'),
  months: z.union([z.literal(1), z.literal(2)]),
});

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be a cursor returned by a previous page').optional(),
});

export const REQUEST_ID = /^dsr_[0-9A-Za-z]{8,40}$/;
export const OWNER_NAME = /^[a-z][a-z0-9-]{1,40}$/;
