import type { Catalog } from '../catalog';

// The agenda's texts in English: held to exactly the Dutch keys.
export const agendaEn: Pick<Catalog, 'agenda'> = {
  agenda: {
    nav: {
      label: 'Calendar',
      previous: { day: 'Previous day', week: 'Previous week' },
      next: { day: 'Next day', week: 'Next week' },
      today: 'Today',
      date: 'Go to date',
      view: 'View',
      views: { day: 'Day', week: 'Week' },
      shortcuts: 'Shortcuts: T today · P previous · N next · D day · W week',
    },
    title: 'Calendar',
    today: 'today',
    timeRange: '{{start}}–{{end}}',
    weekLabel: 'Week {{week}} · {{range}}',
    grid: { hours: 'The grid shows the hours from {{first}} to {{last}}.', item: '{{day}}, {{time}}, {{name}}, {{treatment}}' },
    list: { none: 'No appointments', until: 'until' },
    incomplete: {
      title: 'Not every appointment is shown',
      text: 'This period holds more appointments than the calendar shows at once. Look at a shorter period, a day for instance.',
    },
    empty: {
      title: { day: 'No appointments on this day', week: 'No appointments this week' },
      text: 'Book one with the “New appointment” button.',
      textGrid: 'Click a time in the grid or use the “New appointment” button.',
      textViewer: 'Once a colleague books appointments, you will see them here.',
    },
    new: { button: 'New appointment', title: 'New appointment', submit: 'Book appointment', done: 'Appointment booked' },
    fields: {
      client: 'Client',
      clientHint: 'Type part of the name and choose the client from the list.',
      startsAt: 'Starts',
      duration: 'Duration',
      durationOther: 'Other',
      endsAt: 'Ends',
      endsAtHint: 'After the start, within 24 hours.',
      treatment: 'Treatment',
      treatmentPick: 'Treatment from the list',
      treatmentPickHint: 'Fills in the name and the duration. Or type a treatment yourself below.',
      treatmentPickNone: 'None, type it',
      staff: 'Colleague',
      staffHint: 'Who gives the treatment. A colleague cannot have two appointments at once.',
      staffNone: 'Nobody in particular',
      treatmentHint: 'For instance Pedicure or Facial.',
      notes: 'Notes',
      notesHint: 'Treatment notes. Visible to colleagues with access to the calendar.',
      when: 'When',
    },
    picker: {
      searching: 'Searching…',
      noMatches: 'No clients found.',
      found_one: '{{count}} client found; choose with the arrow keys and Enter.',
      found_other: '{{count}} clients found; choose with the arrow keys and Enter.',
      results: 'Clients found',
      addNew: 'Add new client “{{name}}”',
      noClientsAccess: {
        title: 'You cannot choose a client',
        text: 'That needs access to clients. Ask an owner or admin of your institute for that permission.',
      },
    },
    newClient: { legend: 'New client', add: 'Add client' },
    appointment: {
      back: 'Back to the calendar',
      loading: 'Loading appointment…',
      unavailable: 'Appointment not available',
      title: '{{treatment}} – {{name}}',
      section: 'Appointment',
      noNotes: 'No notes.',
      timestamps: 'Booked on {{created}} · last changed on {{updated}}',
    },
    change: { button: 'Change', title: 'Change appointment', submit: 'Save changes', done: 'Appointment changed' },
    cancel: {
      button: 'Cancel appointment',
      title: 'Cancel this appointment?',
      text: 'The appointment of {{name}} on {{when}} is deleted, with its notes. This cannot be undone.',
      confirm: 'Yes, cancel it',
      keep: 'No, keep it',
      done: 'Appointment cancelled',
    },
    client: {
      title: 'Appointments',
      book: 'Book appointment',
      upcoming: 'Upcoming',
      past: 'Past',
      none: { upcoming: 'No upcoming appointments.', past: 'No past appointments yet.' },
      item: '{{treatment}} · {{day}}, {{time}}',
      more: 'Show more',
    },
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const agendaProblemsEn: Strings<typeof import('./agenda.nl').agendaProblemsNl> = {
  'appointment-overlap': { title: 'This colleague already has an appointment then', action: 'It runs from {{conflictFrom}} to {{conflictTo}}. Choose another time or another colleague.' },
  'outside-working-hours': { title: "This is outside this colleague's working hours", action: 'Choose a time within the working hours. An owner or admin can book it anyway.' },
  'working-hours-override-not-allowed': { title: 'Only an owner or admin can book outside working hours', action: 'Choose a time within the working hours, or ask an owner or admin.' },
  'invalid-status-transition': { title: 'This appointment is already settled', action: 'A completed, cancelled or no-show appointment no longer changes. Refresh the page.' },
};
