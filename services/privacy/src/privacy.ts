import type { OwnerDeclaration } from '@homi/contracts';

/**
 * The personal data the privacy service itself holds: the requests a data subject made or that
 * were made about them. Declared here for the record of processing and the access package; the
 * service answers for it directly rather than as a commanded owner.
 */
export const privacyDeclaration: OwnerDeclaration = {
  owner: 'privacy',
  version: '1',
  controllerRole: 'controller',
  categories: [
    {
      name: 'privacy-requests',
      description: 'Your data-subject requests: type, dates, deadline, extension and status',
      subjects: ['user', 'client', 'tenant'],
      fields: ['id', 'type', 'status', 'receivedAt', 'dueAt', 'extendedUntil', 'completedAt'],
      purpose: 'Answering data-subject requests within the legal term and being able to show that we did',
      legalBasis: 'legal_obligation',
      retention: { period: 'P5Y', startsAt: 'completion of the request' },
      recipients: [],
      source: 'you, or the institute acting on your behalf',
    },
  ],
};
