import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientDeleted, tenantDataApi, type CategoryResult, type DataSubject, type OwnerDeclaration } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { UNTIL_ACCOUNT_ERASURE, type DataOwner, type ExportItem, type ExportRecord, type OwnerContext } from '@homi/privacy-kit';
import { enterTenantAsOwner, parseInput, queryEach, sendWithNext } from '@homi/service-kit';
import type { HealthDataKeys } from './application/ports';
import { tenantNotes } from './application/health-data';
import { changeClient } from './application/update-client';
import { alertsContext, noteContext, openNotes, SEALED_NOTES, type DataCipher, type NotesPlace } from './domain/health-data';
import { ormRepositories } from './infrastructure/repositories';

const common = { recipients: [], source: 'entered by the institute' };

/**
 * What personal data tenant-data holds, why, and for how long (GDPR art. 30). The periods are
 * enforced by the purge jobs in retention.ts; the choices are explained in ADR 20.
 */
export const declaration: OwnerDeclaration = {
  owner: 'tenant-data',
  version: '5',
  controllerRole: 'processor',
  categories: [
    { name: 'client-profile', description: "A client's contact details, date of birth, address, the institute's notes about the client (encrypted with the institute's own key; read only in calls recorded in its audit log) and their consent to appointment mails (with its time)",
      subjects: ['client'], fields: ['name', 'email', 'phone', 'dateOfBirth', 'address', 'notes', 'reminderConsent', 'reminderConsentAt'], purpose: 'The institute\'s client administration',
      legalBasis: 'contract', retention: { period: 'P2Y', startsAt: "the client's last activity: the last change to the client or their appointments, or their latest appointment's end" }, ...common },
    { name: 'appointments', description: 'Appointments in the agenda of the institute', subjects: ['client'],
      fields: ['startsAt', 'endsAt', 'treatment'], purpose: 'Planning treatments', legalBasis: 'contract',
      retention: { period: 'P2Y', startsAt: 'the end of the appointment' }, ...common },
    { name: 'treatment-notes', description: "Notes made for an appointment; may concern health, so encrypted with the institute's own key and read only in calls recorded in its audit log", subjects: ['client'],
      fields: ['notes'], purpose: 'Giving the treatment with due care', legalBasis: 'contract',
      retention: { period: 'P2Y', startsAt: 'the end of the appointment they were made for' }, ...common },
    { name: 'client-alerts', description: "A client's allergies and contra-indications, shown when booking; health data (GDPR art. 9), encrypted with the institute's own key",
      subjects: ['client'], fields: ['kind', 'text'], purpose: 'Treating the client safely', legalBasis: 'contract',
      retention: { period: 'P2Y', startsAt: "the client's last activity (they go with the client)" }, ...common },
    { name: 'client-notes', description: "Treatment notes about a client, for one appointment or in general; health data (GDPR art. 9), encrypted with the institute's own key; every read is in the institute's audit log",
      subjects: ['client'], fields: ['text', 'appointmentId', 'authorId', 'createdAt'], purpose: 'Giving the treatment with due care', legalBasis: 'contract',
      retention: { period: 'P2Y', startsAt: "the client's last activity (they go with the client)" }, ...common },
    { name: 'treatments', description: "The institute's treatments: name, duration, price and VAT rate (the institute's own offer; exported with the institute, no person's data)",
      subjects: ['tenant'], fields: ['name', 'durationMinutes', 'priceCents', 'taxRate', 'active'], purpose: 'Planning and pricing treatments', legalBasis: 'contract',
      retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, source: 'entered by the institute', recipients: [] },
    { name: 'institute-profile', description: "The institute's name, KvK number, address, phone and e-mail", subjects: ['tenant'],
      fields: ['name', 'kvkNumber', 'address', 'phone', 'email'], purpose: 'Running the institute\'s account', legalBasis: 'contract',
      retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, source: 'entered at sign-up and by the institute', recipients: [] },
  ],
};

const BATCH = 1000;
/**
 * Rows per NDJSON batch string: about 60 kB of lines, so each string (and the driver's buffer for
 * it) stays under V8's large-object size (128 kB) and dies young with the next scavenge (ADR 62).
 */
const LINE_BATCH = 200;
type Row = Record<string, unknown>;

/** Rows of a query in keyset batches, so an export of any size streams in bounded memory. */
async function* batches(em: EntityManager, sql: string, params: unknown[]): AsyncIterable<Row> {
  let after = '';
  for (;;) {
    const rows = await em.execute<Row[]>(`${sql} and id > ? order by id limit ${BATCH}`, [...params, after]);
    yield* rows;
    if (rows.length < BATCH) return;
    after = String(rows.at(-1)?.id);
  }
}

/**
 * Privacy requests run as the tables' owner (no tenant role: they delete what the tenant role may
 * not), inside the kit's transaction. Forced row-level security holds the owner too, so the
 * transaction names the subject's tenant: it sees exactly that tenant's rows, no more and no fewer.
 */
async function enterSubjectTenant(em: EntityManager, subject: DataSubject): Promise<void> {
  if (subject.kind !== 'user') await sendWithNext(em, `select set_config('app.tenant_id', ?, true)`, [subject.tenantId]);
}

function scope(subject: DataSubject): { where: string; params: string[] } | undefined {
  if (subject.kind === 'client') return { where: 'tenant_id = ? and client_id = ?', params: [subject.tenantId, subject.clientId] };
  if (subject.kind === 'tenant') return { where: 'tenant_id = ?', params: [subject.tenantId] };
  return undefined;
}

/** The subject tenant's data cipher, or undefined when it never stored health data (or its key was destroyed). */
async function tenantCipher(em: EntityManager, keys: HealthDataKeys, tenantId: string): Promise<DataCipher | undefined> {
  const key = await ormRepositories(em).health.dataKey(tenantId);
  return key ? keys.cipher(key, tenantId) : undefined;
}

/** A client's alerts and notes, opened: health data travels in an export decrypted, as the subject's right of access needs it. */
async function* exportHealthData(
  em: EntityManager, cipher: DataCipher | undefined, subject: Exclude<DataSubject, { kind: 'user' }>, s: { where: string; params: string[] },
): AsyncIterable<ExportRecord> {
  if (!cipher) return;
  const alerts = await em.execute<{ client_id: string; sealed: string }[]>(`select client_id, sealed from client_alerts where ${s.where} order by client_id`, s.params);
  for (const a of alerts) {
    const items = JSON.parse(cipher.open(a.sealed, alertsContext(subject.tenantId, a.client_id))) as unknown[];
    for (const alert of items) yield { category: 'client-alerts', data: { clientId: a.client_id, ...(alert as object) } };
  }
  for await (const n of batches(em, `select id, client_id, appointment_id, author_id, sealed, created_at from client_notes where ${s.where}`, s.params)) {
    const { sealed, ...note } = n;
    yield { category: 'client-notes', data: { ...note, text: cipher.open(String(sealed), noteContext(subject.tenantId, String(n.client_id), String(n.id))) } };
  }
}

/** A timestamptz as JSON writes a JS Date: UTC with milliseconds, as the row-by-row export wrote it. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The text of a line's sealed `notes` (ADR 65), from the line's data (which names the notes' place). */
type NotesOpener = (data: Record<string, unknown>) => string | null;

/**
 * The lines with their sealed notes opened: only a line that holds one is parsed and written again,
 * the others pass as Postgres wrote them (a batch without any, untouched).
 */
function openNotesIn(lines: string, open: NotesOpener | undefined): string {
  const marker = `"${SEALED_NOTES}`;
  if (!open || !lines.includes(marker)) return lines;
  return lines.split('\n').map((line) => {
    if (!line.includes(marker)) return line;
    const record = JSON.parse(line) as { category: string; data: Record<string, unknown> };
    return JSON.stringify({ ...record, data: { ...record.data, notes: open(record.data) } });
  }).join('\n');
}

/**
 * One category's rows as NDJSON lines built by Postgres, in keyset batches: each batch reaches this
 * process as one string, so an export of 100,000 appointments never makes an object per row (ADR 54).
 * `data` is the json_build_object arguments; `extra` adds a second category from the same rows
 * (an appointment's notes), counted apart. `open` opens sealed notes in a category's lines.
 */
async function* lineBatches(
  em: EntityManager, table: string, where: string, params: unknown[], category: string, data: string,
  options: { open?: NotesOpener; extra?: { category: string; when: string; data: string; open?: NotesOpener } } = {},
): AsyncIterable<ExportItem> {
  const { extra } = options;
  const line = (c: string, d: string) => `json_build_object('category', '${c}', 'data', json_build_object(${d}))::text`;
  const extraLines = extra
    ? `, coalesce(string_agg(${line(extra.category, extra.data)}, E'\\n' order by id) filter (where ${extra.when}), '') as extra_lines,
       count(*) filter (where ${extra.when})::int as extra_count`
    : '';
  let after = '';
  for (;;) {
    const [batch] = await em.execute<{ n: number; last: string | null; lines: string | null; extra_lines?: string; extra_count?: number }[]>(
      `with b as (select * from ${table} where ${where} and id > ? order by id limit ${LINE_BATCH})
       select count(*)::int as n, max(id) as last, string_agg(${line(category, data)}, E'\\n' order by id) as lines${extraLines} from b`,
      [...params, after],
    );
    if (!batch?.n || !batch.last) return;
    yield { lines: openNotesIn(batch.lines ?? '', options.open), counts: { [category]: batch.n } };
    if (extra && batch.extra_count) yield { lines: openNotesIn(batch.extra_lines ?? '', extra.open), counts: { [extra.category]: batch.extra_count } };
    if (batch.n < LINE_BATCH) return;
    after = batch.last;
  }
}

const CLIENT_DATA = `'id', id, 'name', name, 'email', email, 'phone', phone, 'date_of_birth', to_char(date_of_birth, 'YYYY-MM-DD'), 'address', address,
  'notes', notes, 'reminder_consent', reminder_consent, 'reminder_consent_at', ${iso('reminder_consent_at')},
  'created_at', ${iso('created_at')}, 'updated_at', ${iso('updated_at')}`;
const APPOINTMENT_DATA = `'id', id, 'client_id', client_id, 'starts_at', ${iso('starts_at')}, 'ends_at', ${iso('ends_at')}, 'treatment', treatment,
  'treatment_id', treatment_id, 'staff_id', staff_id, 'status', status, 'created_at', ${iso('created_at')}`;
const TREATMENT_DATA = `'id', id, 'name', name, 'duration_minutes', duration_minutes, 'price_cents', price_cents, 'tax_rate', tax_rate, 'active', active,
  'created_at', ${iso('created_at')}, 'updated_at', ${iso('updated_at')}`;

async function* exportSubject(keys: HealthDataKeys, subject: DataSubject, { em }: OwnerContext): AsyncIterable<ExportItem> {
  const s = scope(subject);
  if (!s || subject.kind === 'user') return;
  await enterSubjectTenant(em, subject);
  if (subject.kind === 'tenant') {
    const institutes = await em.execute<Row[]>(
      'select tenant_id, name, kvk_number, address, phone, email, created_at, updated_at from institutes where tenant_id = ?',
      [subject.tenantId],
    );
    for (const data of institutes) yield { category: 'institute-profile', data };
    yield* lineBatches(em, 'treatments', 'tenant_id = ?', [subject.tenantId], 'treatments', TREATMENT_DATA);
  }
  // Health data and the older notes fields (ADR 65), sealed under the institute's key, travel opened.
  const cipher = await tenantCipher(em, keys, subject.tenantId);
  const opener = (place: (data: Record<string, unknown>) => NotesPlace): NotesOpener => (data) =>
    typeof data.notes === 'string' ? openNotes(cipher, subject.tenantId, place(data), data.notes) : null;
  yield* lineBatches(em, 'clients', s.where.replace('client_id', 'id'), s.params, 'client-profile', CLIENT_DATA,
    { open: opener((d) => ({ client: String(d.id) })) });
  yield* lineBatches(em, 'appointments', s.where, s.params, 'appointments', APPOINTMENT_DATA, {
    extra: { category: 'treatment-notes', when: 'notes is not null', data: `'appointmentId', id, 'notes', notes`, open: opener((d) => ({ appointment: String(d.appointmentId) })) },
  });
  yield* exportHealthData(em, cipher, subject, s);
}

async function erase(subject: DataSubject, { em, now }: OwnerContext): Promise<CategoryResult[]> {
  const s = scope(subject);
  if (!s) return [];
  await enterSubjectTenant(em, subject);
  // In the command's transaction (queryEach runs on it, as em.execute does; not on a pool connection
  // of its own, outside the transaction that records the command in the inbox and the answer in the
  // outbox), the four deletes in one round trip, one after the other (ADR 73).
  // Counted from what this run's deletes return, not from a count beforehand: a run that meets a
  // concurrent one (the same command delivered twice) waits on its row locks, then finds the rows
  // gone and must report 0, not what the other run erased.
  // Alerts and notes would go with their client anyway (cascade); deleted first, so they are counted.
  const clientWhere = s.where.replace('client_id', 'id');
  const [alerts = [], clientNotes = [], deletedAppointments = [], deletedClients = []] = await queryEach(em, [
    { sql: `delete from client_alerts where ${s.where} returning client_id`, params: s.params },
    { sql: `delete from client_notes where ${s.where} returning id`, params: s.params },
    { sql: `delete from appointments where ${s.where} returning notes is not null as had_notes`, params: s.params },
    { sql: `delete from clients where ${clientWhere} returning id, tenant_id`, params: s.params },
  ]);
  const appointments = deletedAppointments.length;
  const notes = deletedAppointments.filter((a) => a.had_notes === true).length;
  const deleted = deletedClients as { id: string; tenant_id: string }[];
  for (const c of deleted) enqueue(em, ClientDeleted, { tenantId: c.tenant_id, clientId: c.id, occurredAt: now.toISOString() });
  const results: CategoryResult[] = [
    { category: 'client-profile', records: deleted.length, action: 'erased' },
    { category: 'appointments', records: appointments, action: 'erased' },
    { category: 'treatment-notes', records: notes, action: 'erased' },
    { category: 'client-alerts', records: alerts.length, action: 'erased' },
    { category: 'client-notes', records: clientNotes.length, action: 'erased' },
  ];
  if (subject.kind === 'tenant') {
    // The institute's treatments and its staff's working hours go with it (after the appointments
    // that refer to the treatments). Neither is a category of its own: treatments are no personal
    // data, and working hours are the institute's planning (ADR 46).
    await em.execute('delete from working_hours where tenant_id = ?', [subject.tenantId]);
    // Destroying the institute's data key makes every copy of its health data unreadable, backups
    // included: they hold only sealed values and a key wrapped under the KEK, now gone from here (ADR 50).
    await em.execute('delete from health_data_keys where tenant_id = ?', [subject.tenantId]);
    await em.execute('delete from treatments where tenant_id = ?', [subject.tenantId]);
    // Import records hold counts and reason codes, no values from the file (ADR 49).
    await em.execute('delete from client_imports where tenant_id = ?', [subject.tenantId]);
    const institutes = await em.execute<unknown[]>('delete from institutes where tenant_id = ? returning tenant_id', [subject.tenantId]);
    results.push({ category: 'institute-profile', records: institutes.length, action: 'erased' });
  }
  return results;
}

const CLIENT_FIELDS = new Set(['name', 'email', 'phone', 'dateOfBirth', 'address', 'notes']);

/**
 * Applies corrections to a client through changeClient, the one way a client's data changes (the
 * update route's too); fields this owner does not hold are ignored.
 */
async function rectify(keys: HealthDataKeys, subject: DataSubject, corrections: Record<string, unknown>, { em, now }: OwnerContext): Promise<CategoryResult[]> {
  if (subject.kind !== 'client') return [];
  const held = Object.fromEntries(Object.entries(corrections).filter(([k]) => CLIENT_FIELDS.has(k)));
  if (Object.keys(held).length === 0) return [{ category: 'client-profile', records: 0, action: 'none' }];
  const changes = parseInput(tenantDataApi.UpdateClient, held, 'corrections');
  await enterTenantAsOwner(em, subject.tenantId);
  const repositories = ormRepositories(em);
  const notes = tenantNotes({ healthKeys: keys, clock: () => now }, repositories, subject.tenantId);
  const client = await changeClient(repositories, notes, subject.tenantId, subject.clientId, changes, now);
  return [{ category: 'client-profile', records: client ? 1 : 0, action: 'rectified' }];
}

/** tenant-data as a data owner; `keys` open the health data an export must hold decrypted. */
export const tenantDataOwner = (keys: HealthDataKeys): DataOwner => ({
  declaration, export: (subject, ctx) => exportSubject(keys, subject, ctx), erase, rectify: (subject, corrections, ctx) => rectify(keys, subject, corrections, ctx),
});
