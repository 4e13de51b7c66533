import type { DataSubject, OwnerDeclaration } from '@homi/contracts';
import { UNTIL_ACCOUNT_ERASURE, type DataOwner, type ExportRecord, type OwnerContext } from '@homi/privacy-kit';
import { enterAllTenants, enterTenantAsOwner } from '@homi/service-kit';
import { eraseInstitute, eraseUser, exportInstitute, exportUser } from './application/subject-data';
import { ormRepositories } from './infrastructure/repositories';

const afterClosing = { period: 'P2Y', startsAt: 'the closing of the ticket (a ticket reopened and closed again counts from its last closing)' };

/**
 * What personal data the helpdesk holds, why, and for how long (GDPR art. 30). The period is enforced
 * by retention.ts; the choices are explained in ADR 41.
 */
export const declaration: OwnerDeclaration = {
  owner: 'helpdesk',
  version: '1',
  controllerRole: 'controller',
  categories: [
    { name: 'tickets', description: 'Tickets an institute\'s member opened with HOMi support: subject, category, status, who opened it',
      subjects: ['user', 'tenant'], fields: ['subject', 'category', 'status', 'openedBy', 'assigneeId'],
      purpose: 'Giving support from HOMi\'s helpdesk', legalBasis: 'contract', retention: afterClosing,
      source: 'entered by the institute\'s member', recipients: [] },
    { name: 'ticket-messages', description: 'The conversation of a ticket: what the member and HOMi support wrote',
      subjects: ['user', 'tenant'], fields: ['body', 'authorId'], purpose: 'Giving support from HOMi\'s helpdesk', legalBasis: 'contract',
      retention: afterClosing, source: 'entered by the institute\'s member and by HOMi support', recipients: [] },
    { name: 'institute-name', description: 'The institute\'s name, by which support tells the tickets of institutes apart', subjects: ['tenant'],
      fields: ['name'], purpose: 'Giving support from HOMi\'s helpdesk', legalBasis: 'contract',
      retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, source: 'identity, from the sign-up', recipients: [] },
  ],
};

/**
 * A user's data is wherever they wrote, in any institute (and a support user's replies in every
 * institute): the command's transaction, run as the tables' owner, declares itself across tenants.
 * An institute's data is its own tenant's rows only.
 */
async function enterSubject(em: OwnerContext['em'], subject: DataSubject): Promise<boolean> {
  if (subject.kind === 'user') await enterAllTenants(em);
  else if (subject.kind === 'tenant') await enterTenantAsOwner(em, subject.tenantId);
  return subject.kind !== 'client';
}

async function* exportSubject(subject: DataSubject, { em }: OwnerContext): AsyncIterable<ExportRecord> {
  if (!(await enterSubject(em, subject))) return;
  const repositories = ormRepositories(em);
  yield* subject.kind === 'user' ? await exportUser(repositories, subject.userId) : subject.kind === 'tenant' ? await exportInstitute(repositories, subject.tenantId) : [];
}

async function erase(subject: DataSubject, { em, now }: OwnerContext) {
  if (!(await enterSubject(em, subject))) return [];
  const repositories = ormRepositories(em);
  if (subject.kind === 'user') return eraseUser(repositories, subject.userId, now);
  if (subject.kind === 'tenant') return eraseInstitute(repositories, subject.tenantId);
  return [];
}

export const helpdeskOwner: DataOwner = { declaration, export: exportSubject, erase };
