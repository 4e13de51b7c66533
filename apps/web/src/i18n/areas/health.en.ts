import type { healthNl } from './health.nl';

// Health data on the client card and in the booking form (issue 16 item 5, ADR 50), in English: spread into en.ts as `health`.
export const healthEn: typeof healthNl = {
  health: {
    recorded: 'Health data: stored encrypted, and every time someone views it is recorded in your institute\'s audit log.',
    alerts: {
      title: 'Alerts',
      bookingTitle_one: 'Note: {{count}} alert for this client',
      bookingTitle_other: 'Note: {{count}} alerts for this client',
      none: 'No alerts (allergies, contra-indications) for this client.',
      loading: 'Loading alerts…',
      unavailable: 'This client\'s alerts could not be loaded.',
      edit: 'Edit alerts',
      kind: 'Kind',
      text: 'Description',
      textHint: 'Short and concrete, for example "Nickel allergy".',
      rowLegend: 'Alert {{n}}',
      add: 'Add alert',
      remove: 'Remove',
      save: 'Save alerts',
      kinds: { allergy: 'Allergy', 'contra-indication': 'Contra-indication', other: 'Other' },
    },
    notes: {
      title: 'Treatment notes',
      none: 'No treatment notes yet.',
      loading: 'Loading treatment notes…',
      new: 'New treatment note',
      newHint: 'A note is added and not changed afterwards.',
      add: 'Add note',
    },
  },
};
