// Health data on the client card and in the booking form (issue 16 item 5, ADR 50), in Dutch: spread into nl.ts as `health`.
export const healthNl = {
  health: {
    recorded: 'Gezondheidsgegevens: versleuteld bewaard, en elke keer dat iemand ze inziet staat in het auditlog van je instituut.',
    alerts: {
      title: 'Waarschuwingen',
      bookingTitle_one: 'Let op: {{count}} waarschuwing voor deze klant',
      bookingTitle_other: 'Let op: {{count}} waarschuwingen voor deze klant',
      none: 'Geen waarschuwingen (allergieën, contra-indicaties) voor deze klant.',
      loading: 'Waarschuwingen laden…',
      unavailable: 'De waarschuwingen van deze klant konden niet worden geladen.',
      edit: 'Waarschuwingen bewerken',
      kind: 'Soort',
      text: 'Omschrijving',
      textHint: 'Kort en concreet, bijvoorbeeld "Nikkelallergie".',
      rowLegend: 'Waarschuwing {{n}}',
      add: 'Waarschuwing toevoegen',
      remove: 'Verwijderen',
      save: 'Waarschuwingen opslaan',
      kinds: { allergy: 'Allergie', 'contra-indication': 'Contra-indicatie', other: 'Overig' },
    },
    notes: {
      title: 'Behandelnotities',
      none: 'Nog geen behandelnotities.',
      loading: 'Behandelnotities laden…',
      new: 'Nieuwe behandelnotitie',
      newHint: 'Een notitie wordt toegevoegd en daarna niet meer gewijzigd.',
      add: 'Notitie toevoegen',
    },
  },
};
