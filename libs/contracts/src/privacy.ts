import { z } from 'zod';
import { defineContract, isoDateTime, type Contract, prefixedId, STREAM_MAX_AGE_MS, tenantId, userId } from './contract';
import { namespacedStream, natsName } from './nats-namespace';

// The privacy request flow (ARCHITECTURE.md "Privacy request flow"). Messages carry identifiers
// and counts only: export payloads and corrections travel over the privacy service's
// authenticated internal HTTP routes, never on a stream (a stream retains what it carries).

export const requestId = prefixedId('dsr');
export const RequestType = z.enum(['access', 'erasure', 'rectification']);
export type RequestType = z.infer<typeof RequestType>;

/** Whose data: a platform user, a client of an institute, or a whole institute (sole-owner deletion). */
export const DataSubject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), userId }),
  z.strictObject({ kind: z.literal('client'), tenantId, clientId: prefixedId('cli') }),
  z.strictObject({ kind: z.literal('tenant'), tenantId }),
]);
export type DataSubject = z.infer<typeof DataSubject>;

export const LegalBasis = z.enum(['contract', 'legal_obligation', 'consent', 'legitimate_interest', 'vital_interest', 'public_task']);

/** One category of personal data an owner holds, as GDPR art. 30 and art. 15 need it described. */
export const DataCategory = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  description: z.string().min(1).max(500),
  subjects: z.array(z.enum(['user', 'client', 'tenant'])).min(1),
  fields: z.array(z.string().min(1).max(60)).min(1).max(100),
  purpose: z.string().min(1).max(500),
  legalBasis: LegalBasis,
  /** ISO 8601 duration, e.g. P7Y, or null for "as long as the account exists". */
  retention: z.strictObject({ period: z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/).nullable(), startsAt: z.string().min(1).max(200) }),
  recipients: z.array(z.string().min(1).max(200)).max(50),
  source: z.string().min(1).max(200),
});
export type DataCategory = z.infer<typeof DataCategory>;

export const OwnerDeclaration = z.strictObject({
  owner: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  version: z.string().min(1).max(40),
  controllerRole: z.enum(['controller', 'processor']),
  categories: z.array(DataCategory).min(1).max(100),
});
export type OwnerDeclaration = z.infer<typeof OwnerDeclaration>;

/** An owner's name, as it appears in its declaration and as one token of the subjects it publishes on. */
export const ownerName = OwnerDeclaration.shape.owner;

/**
 * Messages a data owner publishes about itself, one subject per owner:
 * `privacy.owner.<owner>.<event>.v<version>`. The subject names the owner, so the bus can let each
 * owner's credential publish under `privacy.owner.<owner>.>` only, and the privacy service checks
 * that the message speaks for the owner its subject names (ADR 42).
 */
export interface OwnerContracts<S extends z.ZodType> {
  readonly version: number;
  readonly schema: S;
  /** The filter covering every owner's subject of this message. */
  readonly filter: string;
  /** The contract of one owner's messages. */
  forOwner(owner: string): Contract<S>;
  /** The owner a subject of this message names; undefined for any other subject. */
  ownerOf(subject: string): string | undefined;
}

function ownerContracts<S extends z.ZodType>(event: string, version: number, schema: S): OwnerContracts<S> {
  const suffix = `.${event}.v${version}`;
  // In this process's NATS namespace (ADR 37), as every contract's subject is.
  const prefix = natsName.subject('privacy.owner.');
  return Object.freeze({
    version,
    schema,
    filter: `${prefix}*${suffix}`,
    forOwner(owner: string) {
      if (!ownerName.safeParse(owner).success) throw new Error(`not an owner name: ${owner}`);
      return defineContract(`privacy.owner.${owner}${suffix}`, version, schema);
    },
    ownerOf(subject: string) {
      if (!subject.startsWith(prefix) || !subject.endsWith(suffix)) return undefined;
      const owner = subject.slice(prefix.length, -suffix.length);
      return ownerName.safeParse(owner).success ? owner : undefined;
    },
  });
}

/** A data owner announces itself on start; the privacy service keeps the newest declaration of each owner it knows. */
export const OwnerAnnounced = ownerContracts('announced', 1, z.strictObject({ declaration: OwnerDeclaration, occurredAt: isoDateTime }));
export type OwnerAnnounced = z.infer<typeof OwnerAnnounced.schema>;

/** The one command every registered owner acts on. Owners not listed ignore it. */
export const RequestCommanded = defineContract(
  'privacy.request.commanded.v1',
  1,
  z.strictObject({
    requestId,
    type: RequestType,
    subject: DataSubject,
    owners: z.array(z.string()).min(1).max(100),
    /** Increases on retries of silent owners; the owner's inbox dedups per message id, not per attempt. */
    attempt: z.number().int().min(1).max(100),
    occurredAt: isoDateTime,
  }),
);
export type RequestCommanded = z.infer<typeof RequestCommanded.schema>;

export const CategoryResult = z.strictObject({
  category: z.string(),
  records: z.number().int().min(0),
  action: z.enum(['exported', 'erased', 'anonymised', 'rectified', 'retained', 'none']),
  /** Why a record was kept (e.g. "fiscal retention, AWR art. 52") and until when. */
  reason: z.string().max(500).optional(),
  retainedUntil: isoDateTime.optional(),
});
export type CategoryResult = z.infer<typeof CategoryResult>;

/** An owner's answer to one request: done (with counts per category) or failed (to be retried). */
export const OwnerResultReported = ownerContracts(
  'result-reported',
  1,
  z.strictObject({
    requestId,
    owner: z.string(),
    outcome: z.enum(['completed', 'failed']),
    results: z.array(CategoryResult).max(100),
    /** For access requests: the export part was uploaded and holds this many bytes. */
    exportBytes: z.number().int().min(0).optional(),
    error: z.string().max(500).optional(),
    occurredAt: isoDateTime,
  }),
);
export type OwnerResultReported = z.infer<typeof OwnerResultReported.schema>;

/** Reminders and escalations before the deadline, for the notifier and the on-call dashboard. */
export const RequestDeadlineApproaching = defineContract(
  'privacy.request.deadline-approaching.v1',
  1,
  z.strictObject({ requestId, dueAt: isoDateTime, silentOwners: z.array(z.string()), level: z.enum(['reminder', 'escalation']), occurredAt: isoDateTime }),
);
export const RequestCompleted = defineContract(
  'privacy.request.completed.v1',
  1,
  z.strictObject({ requestId, type: RequestType, occurredAt: isoDateTime }),
);
/**
 * The deadline (with any extension) passed before every owner answered: the request is answered with
 * what the others reported, naming the owners that stayed silent (ADR 42). They are still asked; when
 * the last one answers, RequestCompleted follows.
 */
export const RequestCompletedWithGaps = defineContract(
  'privacy.request.completed-with-gaps.v1',
  1,
  z.strictObject({ requestId, type: RequestType, silentOwners: z.array(ownerName).min(1), dueAt: isoDateTime, occurredAt: isoDateTime }),
);
export const RequestExtended = defineContract(
  'privacy.request.extended.v1',
  1,
  z.strictObject({ requestId, dueAt: isoDateTime, requesterId: userId, occurredAt: isoDateTime }),
);

/**
 * A data owner's retention job removed (or anonymised) what was past a category's period. Counts
 * and dates only; the privacy service appends it to the owner's retention audit chain and shows the
 * last purge per category in the data map. `cutoff`: records whose retention started before it went.
 */
export const RetentionPurged = defineContract(
  'privacy.retention.purged.v1',
  1,
  z.strictObject({
    owner: OwnerDeclaration.shape.owner,
    category: DataCategory.shape.name,
    action: z.enum(['erased', 'anonymised']),
    records: z.number().int().min(1),
    /** The declared period applied (ISO 8601 duration). */
    period: DataCategory.shape.retention.shape.period.unwrap(),
    cutoff: isoDateTime,
    occurredAt: isoDateTime,
  }),
);
export type RetentionPurged = z.infer<typeof RetentionPurged.schema>;

export const PRIVACY_STREAM = namespacedStream({ name: 'PRIVACY', subjects: ['privacy.>'], maxAgeMs: STREAM_MAX_AGE_MS });

/** Internal HTTP paths of the privacy service that owners call with a signed service context. */
export const privacyInternalPaths = {
  exportPart: (id: string, owner: string) => `/internal/v1/privacy/requests/${id}/parts/${owner}`,
  corrections: (id: string) => `/internal/v1/privacy/requests/${id}/corrections`,
} as const;

/**
 * The problem type of privacy's 409 to an export part it no longer takes: the owner's answer is
 * recorded (or the request completed), so its part is final. An owner that meets it has answered
 * already: a command that came again (a redelivery, a re-command that crossed the answer) is done.
 */
export const EXPORT_PART_FINAL = 'export-part-final';
