import type { operatorNl, operatorProblemsNl } from './operator.nl';

// The operator's pages in English: the compiler holds them to the Dutch keys.
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const operatorEn: Strings<typeof operatorNl> = {
  operator: {
    nav: { statement: 'Publish privacy statement', usage: 'Platform usage' },
    statement: {
      title: 'Publish the privacy statement',
      lead: 'A new version applies at once: everyone accepts it before working in an institute again.',
      current: 'Version {{version}} applies now, published on {{date}}.',
      noCurrent: 'No version has been published yet.',
      version: 'Version',
      versionHint: 'For example 2026-02: letters, digits, dots, hyphens and underscores.',
      text: 'Text',
      textHint: 'Plain text; an empty line starts a new paragraph.',
      publish: 'Publish…',
      confirmTitle: 'Publish version {{version}}?',
      confirmText: 'Everyone must accept this version before working in their institute again. A published version cannot be taken back.',
      confirm: 'Yes, publish',
      published: 'Version {{version}} published',
      viewPublic: 'View the privacy statement',
    },
    usage: {
      title: 'Platform usage',
      lead: 'Requests and actions per day and part, over all institutes together. Days in UTC.',
      kAnonymous: 'Only groups of at least {{k}} institutes are shown. Left out as they were smaller: {{suppressed}}.',
      closedThrough: 'Counted through {{date}}; later days are still being counted.',
      nothingClosed: 'No day has been closed yet.',
      chartTitle: 'Requests per day, all institutes',
      chartDescription: '{{total}} requests from {{from}} through {{to}}; most on {{peak}} ({{max}}).',
      chartEmpty: 'No requests in this period (or only groups smaller than k).',
      caption: 'Usage per day and part, all institutes',
      activeTenants: 'Institutes',
      empty: { title: 'No figures in this period', text: 'No day has been closed yet, or every group counted fewer than k institutes.' },
    },
  },
};

export const operatorProblemsEn: Strings<typeof operatorProblemsNl> = {
  'privacy-statement-version-exists': { title: 'This version exists already', action: 'Choose a new version number; a published version stays as it is.' },
};
