// The operator's pages (publishing the privacy statement, the platform's usage), in Dutch: spread
// into nl.ts as `operator`, its problem types into `problems.types`.
export const operatorNl = {
  operator: {
    nav: { statement: 'Privacyverklaring publiceren', usage: 'Gebruik platform' },
    statement: {
      title: 'Privacyverklaring publiceren',
      lead: 'Een nieuwe versie geldt direct: iedereen accepteert haar voordat hij verder werkt in een instituut.',
      current: 'Nu geldt versie {{version}}, gepubliceerd op {{date}}.',
      noCurrent: 'Er is nog geen versie gepubliceerd.',
      version: 'Versie',
      versionHint: 'Bijvoorbeeld 2026-02: letters, cijfers, punten, streepjes en liggende streepjes.',
      text: 'Tekst',
      textHint: 'Platte tekst; een lege regel begint een nieuwe alinea.',
      publish: 'Publiceren…',
      confirmTitle: 'Versie {{version}} publiceren?',
      confirmText: 'Iedereen moet deze versie accepteren voordat hij verder werkt in zijn instituut. Een gepubliceerde versie kun je niet terugnemen.',
      confirm: 'Ja, publiceren',
      published: 'Versie {{version}} gepubliceerd',
      viewPublic: 'Bekijk de privacyverklaring',
    },
    usage: {
      title: 'Gebruik van het platform',
      lead: 'Verzoeken en handelingen per dag en onderdeel, over alle instituten samen. Dagen in UTC.',
      kAnonymous: 'Alleen groepen van minstens {{k}} instituten worden getoond. Weggelaten omdat ze kleiner waren: {{suppressed}}.',
      closedThrough: 'Geteld tot en met {{date}}; latere dagen worden nog geteld.',
      nothingClosed: 'Er is nog geen dag afgesloten.',
      chartTitle: 'Verzoeken per dag, alle instituten',
      chartDescription: '{{total}} verzoeken van {{from}} tot en met {{to}}; de meeste op {{peak}} ({{max}}).',
      chartEmpty: 'Geen verzoeken in deze periode (of alleen groepen kleiner dan k).',
      caption: 'Gebruik per dag en onderdeel, alle instituten',
      activeTenants: 'Instituten',
      empty: { title: 'Geen cijfers in deze periode', text: 'Er zijn nog geen afgesloten dagen, of elke groep telde minder dan k instituten.' },
    },
  },
};

/** The problem types of these pages' API answers: spread into `problems.types`. */
export const operatorProblemsNl = {
  'privacy-statement-version-exists': { title: 'Deze versie bestaat al', action: 'Kies een nieuw versienummer; een gepubliceerde versie blijft zoals ze is.' },
};
