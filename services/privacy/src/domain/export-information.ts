import type { DataCategory, DataSubject, OwnerDeclaration } from '@homi/contracts';
import { processingTerms } from './owner';
import type { PrivacyRequest } from './request';

export interface PackageOwner {
  owner: string;
  declaration?: OwnerDeclaration;
  /** Records per category as stored in this package. */
  records: Map<string, number>;
}

const RIGHTS = [
  { right: 'access', article: 'GDPR art. 15', text: 'a copy of your personal data and this information' },
  { right: 'rectification', article: 'GDPR art. 16', text: 'correction of inaccurate or incomplete data' },
  { right: 'erasure', article: 'GDPR art. 17', text: 'erasure, except what the law obliges us to keep' },
  { right: 'restriction', article: 'GDPR art. 18', text: 'restriction of processing while a dispute is settled' },
  { right: 'portability', article: 'GDPR art. 20', text: 'your data in a machine-readable format (the JSON files in this package)' },
  { right: 'objection', article: 'GDPR art. 21', text: 'objection to processing based on legitimate interest' },
  { right: 'withdraw-consent', article: 'GDPR art. 7(3)', text: 'withdrawal of consent at any time, for processing based on consent' },
  {
    right: 'complaint',
    article: 'GDPR art. 77',
    text: 'a complaint to the Dutch supervisory authority, the Autoriteit Persoonsgegevens (https://autoriteitpersoonsgegevens.nl, Postbus 93374, 2509 AJ Den Haag)',
  },
];

function controllerOf(subject: DataSubject): string {
  switch (subject.kind) {
    case 'client':
      return `The institute (${subject.tenantId}) whose client you are is the controller of this data; HOMi processes it on the institute's behalf.`;
    case 'tenant':
      return `HOMi holds this data for the institute ${subject.tenantId}; the institute is the controller of its clients' data, HOMi of the account data.`;
    case 'user':
      return 'HOMi is the controller of your account data; for data an institute keeps about you, that institute is the controller.';
  }
}

const describe = (c: DataCategory, owner: string, records: number) => ({
  category: c.name,
  description: c.description,
  records,
  files: records > 0 ? [`${owner}/${c.name}.json`, `${owner}/${c.name}.csv`] : [],
  ...processingTerms(c),
});

/** The GDPR art. 15(1) information, built from the owners' declarations, as information.json. */
export function informationJson(request: PrivacyRequest, owners: PackageOwner[], generatedAt: Date) {
  return {
    request: { id: request.id, type: request.type, receivedAt: request.receivedAt.toISOString(), completedAt: request.completedAt?.toISOString() ?? null },
    generatedAt: generatedAt.toISOString(),
    controller: controllerOf(request.subject),
    automatedDecisionMaking: 'None: no decision about you is taken by automated means alone (GDPR art. 22).',
    owners: owners.map(({ owner, declaration, records }) => ({
      owner,
      controllerRole: declaration?.controllerRole ?? null,
      declarationVersion: declaration?.version ?? null,
      categories: (declaration?.categories ?? []).map((c) => describe(c, owner, records.get(c.name) ?? 0)),
    })),
    rights: RIGHTS,
  };
}

type Information = ReturnType<typeof informationJson>;

/** The same information for a person reading it, as README.txt. */
export function readmeText(info: Information): string {
  const out: string[] = [
    'HOMi - your personal data (GDPR art. 15 and 20)',
    '================================================',
    '',
    `Request ${info.request.id}, received ${info.request.receivedAt}, completed ${info.request.completedAt ?? '-'}.`,
    `This package was generated at ${info.generatedAt}.`,
    '',
    info.controller,
    '',
    'Each folder is one part of HOMi that holds data about you. Every category is there twice:',
    '<category>.json (machine-readable, complete) and <category>.csv (for spreadsheets; nested values',
    'as JSON, text that starts like a formula prefixed with an apostrophe). information.json holds',
    'everything below in machine-readable form.',
    '',
  ];
  for (const o of info.owners) {
    out.push(`## ${o.owner}${o.controllerRole ? ` (${o.controllerRole})` : ''}`, '');
    for (const c of o.categories) {
      out.push(
        `- ${c.category}: ${c.description}`,
        `  records in this package: ${c.records}`,
        `  purpose: ${c.purpose}`,
        `  legal basis: ${c.legalBasis}`,
        `  kept: ${c.retention.period ?? 'as long as the account exists'} from ${c.retention.startsAt}`,
        `  recipients: ${c.recipients.length ? c.recipients.join(', ') : 'none'}`,
        `  source: ${c.source}`,
        '',
      );
    }
  }
  out.push('## Your rights', '');
  for (const r of info.rights) out.push(`- ${r.right} (${r.article}): ${r.text}`);
  out.push('', info.automatedDecisionMaking, '');
  return out.join('\n');
}
