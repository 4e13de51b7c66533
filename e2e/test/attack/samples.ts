import { randomBytes } from 'node:crypto';
import { client, completedRequest, eventually, FACTUURSTUREN_ACCOUNT, type Platform } from '../platform';
import { grantAccess, type Caller, type Stage } from './cast';

/** One valid call of an operation: path ids (the tenant is the stage's unless named), query, body. */
export interface Sample {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** A body that is not JSON (a client file), sent as it is with its media type. */
  rawBody?: string;
  contentType?: string;
  /** The service's answer to a caller the gateway lets through, when it is not the route's success status. */
  expect?: number;
  /** Puts back what the call changed for the calls after it. */
  after?: () => Promise<void>;
}

export type SampleOf = (ctx: Fixtures, caller: Caller) => Promise<Sample>;

/** Makes what a call consumes (a client to delete, a request to approve) fresh for each call. */
export class Fixtures {
  private readonly ownRequests = new Map<string, string>();
  /**
   * Whether the call about to be made is one the gateway should let through: only then is a fixture it
   * consumes made fresh; a refused call is aimed at the stage's own (and a wrongly admitted one shows).
   */
  consuming = true;

  constructor(
    readonly p: Platform,
    readonly stage: Stage,
  ) {}

  get owner() {
    return client(this.p.gateway, this.stage.owner.ownerToken);
  }

  async freshClient(): Promise<string> {
    if (!this.consuming) return this.stage.clientId;
    return (await this.owner.post(`/tenants/${this.stage.tenantId}/clients`, { name: 'Wegwerp Klant' })).body.id;
  }

  async freshAppointment(): Promise<string> {
    if (!this.consuming) return this.stage.appointmentId;
    return (await this.owner.post(`/tenants/${this.stage.tenantId}/appointments`, {
      clientId: this.stage.clientId, startsAt: '2026-12-21T10:00:00Z', endsAt: '2026-12-21T11:00:00Z', treatment: 'Manicure',
    })).body.id;
  }

  /** An open invitation of a new address to the institute, with the code mailed to it. */
  async freshInvitation(): Promise<{ id: string; token: string; email: string }> {
    const email = `${randomBytes(5).toString('hex')}@attack.homi.test`;
    const since = Date.now();
    const invited = await this.owner.post(`/tenants/${this.stage.tenantId}/members`, { email, role: 'staff' });
    return { id: invited.body.id, token: await this.p.mailedToken(email, since), email };
  }

  /** The unsubscribe code from the confirmation mailed to a consenting client of the stage (ADR 53); withdrawing again changes nothing. */
  private standingCode?: Promise<string>;
  unsubscribeCode(): Promise<string> {
    this.standingCode ??= (async () => {
      const email = `${randomBytes(5).toString('hex')}@attack.homi.test`;
      const since = Date.now();
      const made = await this.owner.post(`/tenants/${this.stage.tenantId}/clients`, { name: 'Afmeld Klant', email, reminderConsent: true });
      const startsAt = new Date(Date.now() + 72 * 3600_000).toISOString();
      await this.owner.post(`/tenants/${this.stage.tenantId}/appointments`, {
        clientId: made.body.id, startsAt, endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(), treatment: 'Pedicure',
      });
      const { text } = await this.p.mail.waitFor({ to: email, since, subject: /^Bevestiging/ });
      const code = /#token=([A-Za-z0-9_.~-]+)/.exec(text)?.[1];
      if (!code) throw new Error('the confirmation holds no unsubscribe code');
      return code;
    })();
    return this.standingCode;
  }

  /** One invitation kept open for the calls that only look at it. */
  private standing?: Promise<{ id: string; token: string; email: string }>;
  standingInvitation() {
    this.standing ??= this.freshInvitation();
    return this.standing;
  }

  /** A staff member without permissions, for a call to change or remove. */
  async freshMember(): Promise<string> {
    if (!this.consuming) return this.stage.owner.owner.id;
    return (await this.p.addMember(this.stage.owner, 'staff', {})).id;
  }

  /** A read request of the requesting support user, pending the owner's decision; approved when `active`. */
  async supportRequest(state: 'pending' | 'active' | 'awaiting-co-approval'): Promise<string> {
    if (!this.consuming) return this.stage.grantId;
    const support = client(this.p.gateway, await this.p.loginWithMfa(this.stage.requester));
    if (state === 'active') {
      const co = await this.p.loginWithMfa(this.stage.coRequester);
      return grantAccess(this.p, this.stage.owner, await this.p.loginWithMfa(this.stage.requester), co, { modules: ['reports'], mode: 'read' });
    }
    const asked = await support.post('/support/access-requests', {
      tenantId: this.stage.tenantId, reason: 'customer_initiated', ticketId: await this.standingTicket(), modules: ['reports'],
      mode: state === 'pending' ? 'read' : 'write', durationMinutes: 30,
    });
    return asked.body.id;
  }

  /** Fixtures made once and kept for the calls that only read or change them, by kind. */
  private readonly kept = new Map<string, Promise<string>>();
  private keep(kind: string, make: () => Promise<string>): Promise<string> {
    let made = this.kept.get(kind);
    if (!made) this.kept.set(kind, (made = make()));
    return made;
  }

  /** A fixture the call uses up: a new one for a call the gateway should let through, the kept one otherwise. */
  private useUp(kind: string, make: () => Promise<string>): Promise<string> {
    return this.consuming ? make() : this.keep(kind, make);
  }

  /** A treatment of the institute's, kept for the calls that read or change it. */
  standingTreatment(): Promise<string> {
    return this.keep('treatment', () => this.newTreatment());
  }

  /** A treatment to deactivate. */
  freshTreatment(): Promise<string> {
    return this.useUp('treatment', () => this.newTreatment());
  }

  private async newTreatment(): Promise<string> {
    return (await this.owner.post(`/tenants/${this.stage.tenantId}/treatments`, { name: 'Doelwit Behandeling', durationMinutes: 30, priceCents: 3500, taxRate: 21 })).body.id;
  }

  /** A client file import of the institute's, kept for the calls that read it. */
  standingImport(): Promise<string> {
    return this.keep('import', async () =>
      (await this.owner.post(`/tenants/${this.stage.tenantId}/client-imports`, 'Naam;E-mail\nGeïmporteerde Klant;import@attack.homi.test\n', { 'content-type': 'text/csv' })).body.id);
  }

  /** The owner's export of the institute, once it is ready (ADR 54), for the calls that download it. */
  standingExport(): Promise<string> {
    return this.keep('export', async () => {
      const exports = `/tenants/${this.stage.tenantId}/exports`;
      const id = (await this.owner.post(exports)).body.id as string;
      await eventually(async () => ((await this.owner.get(exports)).body.items as { id: string; status: string }[]).some((e) => e.id === id && e.status === 'ready'), 'the institute export to be ready', 60_000);
      return id;
    });
  }

  /** A ticket the owner opened, kept open for the calls that read or answer it. */
  standingTicket(): Promise<string> {
    return this.keep('ticket', () => this.openTicket());
  }

  /** A ticket of the owner's to close. */
  freshTicket(): Promise<string> {
    return this.useUp('ticket', () => this.openTicket());
  }

  private async openTicket(category = 'question'): Promise<string> {
    return (await this.owner.post(`/tenants/${this.stage.tenantId}/tickets`, { subject: 'Doelwit', category, message: 'Een vraag' })).body.id;
  }

  /** A my-data ticket of the owner's, fresh for each call that may turn it into a request (ADR 44). */
  freshMyDataTicket(): Promise<string> {
    return this.useUp('my-data ticket', () => this.openTicket('my-data'));
  }

  /** The caller's own completed access request about themselves (one per caller, made once). */
  async ownRequest(caller: Caller): Promise<string> {
    if (!caller.token) return `dsr_${randomBytes(10).toString('hex')}`;
    const known = this.ownRequests.get(caller.name);
    if (known) return known;
    const api = client(this.p.gateway, caller.token);
    const id = (await api.post('/privacy/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    await completedRequest(api, id);
    this.ownRequests.set(caller.name, id);
    return id;
  }
}

const today = () => new Date().toISOString().slice(0, 10);
const staffOnly = (caller: Caller) => caller.kind === 'support' || caller.kind === 'operator';
/** The owner's ticket is theirs and the admins' to see; any other member finds nothing there (ADR 41). */
const seesOwnersTicket = (caller: Caller) => (caller.kind === 'owner' || caller.kind === 'admin' ? undefined : 404);

/**
 * A valid call per operation id. A route without one fails the suite (see the matrix), so a new
 * route is covered the day it is added.
 */
export const SAMPLES: Record<string, SampleOf> = {
  getInstitute: async () => ({}),
  updateInstitute: async () => ({ body: { name: 'Salon Doelwit' } }),
  listClients: async () => ({ query: 'q=doelwit&limit=5' }),
  createClient: async () => ({ body: { name: 'Nieuwe Klant', phone: '0612345678' } }),
  getClient: async (f) => ({ params: { clientId: f.stage.clientId } }),
  updateClient: async (f) => ({ params: { clientId: f.stage.clientId }, body: { name: 'Doelwit Klant' } }),
  deleteClient: async (f) => ({ params: { clientId: await f.freshClient() } }),
  getClientAlerts: async (f) => ({ params: { clientId: f.stage.clientId } }),
  putClientAlerts: async (f) => ({ params: { clientId: f.stage.clientId }, body: { items: [{ kind: 'allergy', text: 'Latex' }] } }),
  listClientNotes: async (f) => ({ params: { clientId: f.stage.clientId } }),
  addClientNote: async (f) => ({ params: { clientId: f.stage.clientId }, body: { text: 'Eelt verwijderd' } }),
  // A dry run: the file is checked and nothing changes, however often a caller is let through.
  importClients: async () => ({ query: 'dryRun=true', rawBody: 'Naam;E-mail\nNieuwe Klant;nieuw@attack.homi.test\n', contentType: 'text/csv', expect: 200 }),
  getClientImport: async (f) => ({ params: { importId: await f.standingImport() } }),
  startInstituteExport: async () => ({}),
  listInstituteExports: async () => ({}),
  downloadInstituteExport: async (f) => ({ params: { exportId: await f.standingExport() } }),
  listAppointments: async () => ({ query: 'limit=5' }),
  createAppointment: async (f) => ({
    body: { clientId: f.stage.clientId, startsAt: '2026-12-22T09:00:00Z', endsAt: '2026-12-22T09:30:00Z', treatment: 'Voetbad' },
  }),
  getAppointment: async (f) => ({ params: { id: f.stage.appointmentId } }),
  updateAppointment: async (f) => ({ params: { id: f.stage.appointmentId }, body: { treatment: 'Pedicure' } }),
  deleteAppointment: async (f) => ({ params: { id: await f.freshAppointment() } }),
  listTreatments: async () => ({}),
  createTreatment: async () => ({ body: { name: 'Manicure', durationMinutes: 45, priceCents: 4000, taxRate: 21 } }),
  updateTreatment: async (f) => ({ params: { treatmentId: await f.standingTreatment() }, body: { priceCents: 3600 } }),
  deactivateTreatment: async (f) => ({ params: { treatmentId: await f.freshTreatment() } }),
  getWorkingHours: async (f) => ({ params: { userId: f.stage.owner.owner.id } }),
  putWorkingHours: async (f) => ({ params: { userId: f.stage.owner.owner.id }, body: { periods: [] } }),

  getPrivacyStatement: async () => ({}),
  listPrivacyStatements: async () => ({}),
  signUp: async (f) => ({
    body: {
      email: `${randomBytes(5).toString('hex')}@attack.homi.test`, password: `pw-${randomBytes(12).toString('base64url')}`, name: 'Nieuwe Eigenaar',
      institute: { name: 'Nieuw Instituut' }, acceptedPrivacyStatementVersion: (await client(f.p.gateway).get('/privacy-statement')).body.version,
    },
  }),
  // HOMi staff accounts are made in the identity provider, not by identity: it knows no profile of theirs.
  getMe: async (_f, caller) => ({ expect: staffOnly(caller) ? 404 : undefined }),
  updateMe: async (_f, caller) => ({ body: { phone: '0698765432' }, expect: staffOnly(caller) ? 404 : undefined }),
  deleteMe: async (_f, caller) => ({ expect: staffOnly(caller) ? 404 : undefined }),
  acceptPrivacyStatement: async (f, caller) => ({
    body: { version: (await client(f.p.gateway).get('/privacy-statement')).body.version }, expect: staffOnly(caller) ? 404 : undefined,
  }),
  publishPrivacyStatement: async () => ({ body: { version: `2099-${String(1 + (Date.now() % 12)).padStart(2, '0')}`, text: 'Nieuwe versie.' } }),

  listMembers: async () => ({}),
  listStaff: async () => ({}),
  listInvitations: async () => ({}),
  revokeInvitation: async (f) => ({ params: { invitationId: f.consuming ? (await f.freshInvitation()).id : (await f.standingInvitation()).id } }),
  lookUpInvitation: async (f) => ({ body: { token: (await f.standingInvitation()).token } }),
  lookUpReminderUnsubscribe: async (f) => ({ body: { token: await f.unsubscribeCode() } }),
  unsubscribeFromReminders: async (f) => ({ body: { token: await f.unsubscribeCode() } }),
  oneClickUnsubscribeFromReminders: async (f) => ({
    params: { code: await f.unsubscribeCode() }, rawBody: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded',
  }),
  declineInvitation: async (f) => ({ body: { token: (await f.freshInvitation()).token } }),
  signUpByInvitation: async (f) => ({
    body: { token: (await f.freshInvitation()).token, name: 'Via Uitnodiging', password: `pw-${randomBytes(12).toString('base64url')}` },
  }),
  // An invitation of another address: the service hears the call and refuses it, and no caller changes institute.
  acceptInvitation: async (f, caller) => ({ body: { token: (await f.standingInvitation()).token }, expect: staffOnly(caller) ? 404 : 403 }),
  // A code nobody was mailed: the service hears the call and finds no pending change, whoever calls.
  confirmEmailChange: async () => ({ body: { token: randomBytes(32).toString('base64url') }, expect: 404 }),
  cancelEmailChange: async (_f, caller) => ({ expect: staffOnly(caller) ? 404 : undefined }),
  addMember: async () => ({ body: { email: `${randomBytes(5).toString('hex')}@attack.homi.test`, name: 'Nieuwe Collega', role: 'staff' } }),
  updateMember: async (f) => ({ params: { userId: await f.freshMember() }, body: { permissions: { agenda: 'view' } } }),
  removeMember: async (f) => ({ params: { userId: await f.freshMember() } }),

  createPrivacyRequest: async () => ({ body: { type: 'access', subject: { kind: 'self' } } }),
  listPrivacyRequests: async () => ({ query: 'limit=5' }),
  getPrivacyRequest: async (f, caller) => ({ params: { id: await f.ownRequest(caller) } }),
  downloadPrivacyExport: async (f, caller) => ({ params: { id: await f.ownRequest(caller) } }),
  // Only the controller extends: for one's own data that is HOMi's privacy officer, who is then told
  // the request is completed already (409) where anyone else is refused (403).
  extendPrivacyRequest: async (f, caller) => ({
    params: { id: await f.ownRequest(caller) },
    body: { months: 1, reason: 'Meer tijd nodig voor een volledig antwoord.' },
    expect: caller.kind === 'operator' ? 409 : 403,
  }),
  getDataMap: async () => ({}),

  getFactuurSturenConnection: async () => ({}),
  connectFactuurSturen: async () => ({ body: { ...FACTUURSTUREN_ACCOUNT, shareClientData: true } }),
  disconnectFactuurSturen: async (f) => ({
    after: async () => {
      await f.owner.put(`/tenants/${f.stage.tenantId}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
    },
  }),
  listInvoices: async () => ({ query: 'limit=5' }),
  createInvoice: async (f) => ({ body: { clientId: f.stage.clientId, lines: [{ description: 'Pedicure', quantity: 1, unitPriceCents: 4500, taxRate: 21 }] } }),
  getInvoice: async (f) => ({ params: { invoiceId: f.stage.invoiceId } }),

  requestSupportAccess: async (f) => ({
    body: { tenantId: f.stage.tenantId, reason: 'customer_initiated', ticketId: await f.standingTicket(), modules: ['clients'], mode: 'read', durationMinutes: 15 },
  }),
  listSupportAccessRequests: async () => ({ query: 'limit=5' }),
  coApproveSupportAccess: async (f) => ({ params: { requestId: await f.supportRequest('awaiting-co-approval') } }),
  listTenantSupportAccess: async () => ({ query: 'limit=5&status=pending,active' }),
  approveSupportAccess: async (f) => ({ params: { requestId: await f.supportRequest('pending') }, body: {} }),
  denySupportAccess: async (f) => ({ params: { requestId: await f.supportRequest('pending') } }),
  revokeSupportAccess: async (f) => ({ params: { requestId: await f.supportRequest('active') } }),
  getAuditLog: async () => ({ query: 'limit=5&action=member&support=false' }),
  verifyAuditLog: async () => ({}),

  listTickets: async () => ({ query: 'status=open&limit=5' }),
  openTicket: async () => ({ body: { subject: 'Vraag', category: 'problem', message: 'De agenda laadt niet.' } }),
  getTicket: async (f, caller) => ({ params: { ticketId: await f.standingTicket() }, expect: seesOwnersTicket(caller) }),
  replyToTicket: async (f, caller) => ({ params: { ticketId: await f.standingTicket() }, body: { message: 'Nog een detail.' }, expect: seesOwnersTicket(caller) }),
  closeTicket: async (f, caller) => ({ params: { ticketId: await f.freshTicket() }, expect: seesOwnersTicket(caller) }),
  // Only the member who opened a my-data ticket turns it into a request about themselves; an admin sees it, others do not.
  turnTicketIntoPrivacyRequest: async (f, caller) => ({
    params: { ticketId: await f.freshMyDataTicket() }, body: { type: 'access' },
    expect: caller.kind === 'owner' ? undefined : caller.kind === 'admin' ? 403 : 404,
  }),
  listSupportTickets: async () => ({ query: 'status=open&assignee=none&limit=5' }),
  getSupportTicket: async (f) => ({ params: { ticketId: await f.standingTicket() } }),
  replyToSupportTicket: async (f) => ({ params: { ticketId: await f.standingTicket() }, body: { message: 'We kijken ernaar.' } }),
  updateSupportTicket: async (f) => ({ params: { ticketId: await f.standingTicket() }, body: { status: 'open' } }),

  getUsageStatistics: async () => ({ query: `from=${today()}&to=${today()}` }),
  getTenantUsage: async () => ({ query: `from=${today()}&to=${today()}` }),
};

/** Calls that change what every later call meets: run after all others, in this order. */
export const LAST: readonly string[] = ['publishPrivacyStatement', 'deleteMe'];
