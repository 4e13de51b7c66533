import type { OwnerDeclaration } from '@homi/contracts';

/** How long an institute's own usage counts are kept (the `tenant-usage` category). */
export const TENANT_USAGE_RETENTION_MONTHS = 13;

/**
 * The personal data the privacy service itself holds: the requests a data subject made or that
 * were made about them. Declared here for the record of processing and the access package; the
 * service answers for it directly rather than as a commanded owner.
 */
export const privacyDeclaration: OwnerDeclaration = {
  owner: 'privacy',
  version: '2',
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
    {
      name: 'access-packages',
      description: 'The package of your data put together for an access request, while it can be downloaded',
      subjects: ['user', 'client', 'tenant'],
      fields: ['every category the data owners exported'],
      purpose: 'Handing you a copy of your data (GDPR art. 15 and 20)',
      legalBasis: 'legal_obligation',
      retention: { period: 'P0D', startsAt: 'the end of its download period (EXPORT_TTL_DAYS, 7 days after the request completed)' },
      recipients: [],
      source: 'the data owners, from the data they hold on you',
    },
    {
      name: 'tenant-usage',
      description: "The institute's own use of HOMi: per day and module the number of actions and of API calls",
      subjects: ['tenant'],
      fields: ['day', 'module', 'actions', 'requests'],
      purpose: 'Showing the institute its own use of HOMi; anonymous statistics without any identifier are derived from the same events',
      legalBasis: 'contract',
      retention: { period: `P${TENANT_USAGE_RETENTION_MONTHS}M`, startsAt: 'the end of the day counted; erased with the institute' },
      recipients: [],
      source: "the institute's own use of HOMi",
    },
  ],
};
