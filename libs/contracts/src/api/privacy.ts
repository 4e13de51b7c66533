import { z } from 'zod';
import { isoDateTime, prefixedId } from '../contract';
import { CategoryResult, DataCategory, DataSubject, OwnerDeclaration, requestId, RequestType } from '../privacy';

// Request and response shapes of the privacy service's public routes. The privacy service
// validates with them and the gateway publishes them in the OpenAPI document.

const tenantId = prefixedId('ten', 'must be a tenant id');
const clientId = prefixedId('cli', 'must be a client id');
const field = /^[A-Za-z][A-Za-z0-9_.]{0,59}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const MAX_CORRECTIONS = 20;

export const Corrections = z
  .record(z.string().regex(field, 'must be a field name'), z.string().max(500).refine((v) => !CONTROL.test(v), 'must not contain control characters'))
  .refine((c) => Object.keys(c).length >= 1, 'must name at least one field')
  .refine((c) => Object.keys(c).length <= MAX_CORRECTIONS, `must name at most ${MAX_CORRECTIONS} fields`);

/** Corrections belong to a rectification, and a rectification needs them. */
export function correctionsOnlyWithRectification(body: { type: string; corrections?: unknown }, ctx: z.RefinementCtx): void {
  if (body.type === 'rectification' && !body.corrections) ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'required for a rectification' });
  if (body.type !== 'rectification' && body.corrections) ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'only a rectification takes corrections' });
}

export const CreatePrivacyRequest = z
  .strictObject({
    type: RequestType,
    subject: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('self') }),
      z.strictObject({ kind: z.literal('client'), tenantId, clientId }),
    ]),
    corrections: Corrections.optional(),
    /** The `my-data` ticket the request comes from (ADR 44): one request per requester and ticket, a repeat answers the same. */
    ticketId: prefixedId('tkt', 'must be a ticket id').optional(),
  })
  .superRefine((body, ctx) => {
    correctionsOnlyWithRectification(body, ctx);
    if (body.ticketId && body.subject.kind !== 'self') ctx.addIssue({ code: 'custom', path: ['ticketId'], message: 'only a request about yourself comes from a ticket' });
  });

export const ExtendPrivacyRequest = z.strictObject({
  reason: z.string().trim().min(10).max(1000).refine((v) => !CONTROL.test(v), 'must not contain control characters'),
  months: z.union([z.literal(1), z.literal(2)]),
});

export const ListPrivacyRequestsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be a cursor returned by a previous page').optional(),
});

const RequestStatus = z
  .enum(['received', 'in_progress', 'completed', 'completed_with_gaps'])
  .describe('`completed_with_gaps`: the deadline passed before every service answered; `silentOwners` names those that did not (ADR 42).');

export const PrivacyRequestAccepted = z.object({ id: requestId, status: RequestStatus, dueAt: isoDateTime });

export const PrivacyRequest = z.object({
  id: requestId,
  parentId: requestId.nullable().describe('The account deletion this erasure of an institute belongs to.'),
  ticketId: z.string().nullable().describe('The helpdesk ticket the request was made from (ADR 44).'),
  type: RequestType,
  subject: DataSubject,
  status: RequestStatus,
  receivedAt: isoDateTime,
  dueAt: isoDateTime,
  overdue: z.boolean(),
  extension: z
    .object({ months: z.union([z.literal(1), z.literal(2)]), reason: z.string(), extendedAt: isoDateTime, extendedBy: z.string() })
    .nullable(),
  completedAt: isoDateTime.nullable(),
  escalatedAt: isoDateTime.nullable().describe('When the request was escalated to the privacy officer, three days before its deadline, with services still silent.'),
  silentOwners: z
    .array(z.string())
    .describe('Services that have not answered yet; after the deadline, the gaps of a `completed_with_gaps` answer (they are still being asked).'),
  owners: z.array(
    z.object({
      owner: z.string(),
      status: z.enum(['pending', 'completed', 'failed']),
      attempts: z.number().int(),
      lastCommandedAt: isoDateTime,
      answeredAt: isoDateTime.nullable(),
      results: z.array(CategoryResult),
      exportBytes: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
  report: z
    .array(
      z.object({
        owner: z.string(),
        category: z.string(),
        action: CategoryResult.shape.action,
        records: z.number().int(),
        reason: z.string().nullable(),
        retainedUntil: isoDateTime.nullable(),
      }),
    )
    .describe('What each owner did per category: exported, erased, anonymised, rectified, or kept and why.'),
  export: z
    .object({ available: z.boolean(), expiresAt: isoDateTime.nullable() })
    .optional()
    .describe('Access requests only: whether the package can be downloaded, and until when.'),
});

export const PrivacyRequestPage = z.object({ items: z.array(PrivacyRequest), nextCursor: z.string().nullable() });

export const DataMap = z.object({
  generatedAt: isoDateTime,
  owners: z.array(
    z.object({
      owner: OwnerDeclaration.shape.owner,
      version: z.string(),
      controllerRole: OwnerDeclaration.shape.controllerRole,
      lastAnnouncedAt: isoDateTime.nullable(),
      categories: z.array(
        DataCategory.extend({
          lastPurgeAt: isoDateTime.nullable().describe('When the owner last removed data of this category past its retention period; null if never.'),
        }),
      ),
    }),
  ),
});

/**
 * An institute's export of everything it holds (ADR 54), as its owners follow it. `ready`: the zip can
 * be downloaded until `expiresAt`; `complete: false` on a ready export names services that did not
 * answer by the deadline (they are missing from the zip, and its manifest says so).
 */
export const InstituteExport = z.object({
  id: requestId,
  status: z.enum(['in_progress', 'ready', 'expired']),
  complete: z.boolean(),
  requestedAt: isoDateTime,
  requestedBy: z.string(),
  completedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  services: z.array(z.object({ service: z.string(), status: z.enum(['pending', 'done']) })),
  records: z.record(z.string(), z.number().int().min(0)).describe('Records exported per category, over every service that answered.'),
});
export type InstituteExport = z.infer<typeof InstituteExport>;

export const InstituteExportList = z.object({ items: z.array(InstituteExport) });
