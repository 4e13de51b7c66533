import type { clientImportNl, clientImportProblemsNl } from './client-import.nl';

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

// Importing an existing client file, in English.
export const clientImportEn: Same<typeof clientImportNl> = {
  clientImport: {
    open: 'Import clients',
    title: 'Import clients',
    back: 'Back to clients',
    lead: 'Bring your client file from your previous system. Export it as CSV (UTF-8) with a column for the name, and optionally e-mail, phone, date of birth, address and notes.',
    fileLabel: 'Client file (CSV)',
    fileHint: 'Column names in Dutch or English, separated by semicolons or commas. At most 20 MB.',
    check: 'Check file',
    checking: 'Checking…',
    import: 'Import {{count}} clients',
    importing: 'Importing…',
    chooseFirst: 'Choose a file first.',
    dryRunTitle: 'Check: nothing has been imported yet',
    doneTitle: 'Import complete',
    doneText: 'Importing the same file again adds no one twice.',
    counts: {
      rows: 'Rows read',
      new: 'New clients',
      imported: 'Imported',
      alreadyPresent: 'Already present',
      invalid: 'With errors (skipped)',
    },
    ignoredColumns: 'Columns not used: {{columns}}',
    problemsCaption: 'Rows with errors',
    row: 'Row',
    reason: 'What is wrong',
    nothingToImport: 'There are no new clients to import.',
    reasons: {
      'missing-name': 'no name',
      'invalid-name': 'invalid name',
      'invalid-email': 'invalid e-mail address',
      'invalid-phone': 'invalid phone number',
      'invalid-date': 'invalid date of birth',
      'invalid-address': 'incomplete or invalid address',
      'invalid-notes': 'notes too long or invalid',
      'duplicate-in-file': 'appears earlier in the file',
      'too-many-fields': 'more columns than the header',
    },
    moreProblems: 'And {{count}} more rows with errors.',
  },
};

export const clientImportProblemsEn: Same<typeof clientImportProblemsNl> = {
  'not-csv': { title: 'This is not a CSV file', action: 'Save your file as "CSV UTF-8 (comma delimited)" and choose it again.' },
  'empty-file': { title: 'The file is empty', action: 'Choose a file with a header row and at least one client.' },
  'missing-columns': { title: 'There is no name column', action: 'The file needs a "Name" column, or "First name" and "Last name".' },
};
