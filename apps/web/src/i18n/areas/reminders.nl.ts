// Appointment confirmations and reminders by e-mail (issue 16 item 4, ADR 53), in Dutch: spread into nl.ts.
export const remindersNl = {
  reminders: {
    consentLabel: 'De klant wil afspraakbevestigingen en herinneringen per e-mail ontvangen',
    consentHint: 'Alleen aanvinken als de klant daar zelf mee instemt. Het moment van instemmen of intrekken wordt vastgelegd; de klant kan zich via elke e-mail afmelden.',
    card: {
      title: 'Afspraakmails',
      given: 'Wil bevestigingen en herinneringen ontvangen (ingestemd op {{at}})',
      withdrawn: 'Ontvangt geen afspraakmails (ingetrokken of geweigerd op {{at}})',
      never: 'Niet gevraagd: de klant ontvangt geen afspraakmails.',
      noAddress: 'Zonder e-mailadres worden geen afspraakmails verstuurd.',
    },
    settings: {
      title: 'Afspraakmails',
      lead: 'Klanten die daarmee instemden krijgen een bevestiging bij het boeken en een herinnering vóór de afspraak, met de naam van je instituut, de datum en de tijd (geen behandeling of notities).',
      leadHours: 'Herinnering versturen, aantal uur vóór de afspraak',
      leadHoursHint: 'Tussen 1 en 336 uur (14 dagen). Standaard 24 uur. Een wijziging geldt ook voor herinneringen die nog niet zijn verstuurd.',
      save: 'Opslaan',
      saved: 'Herinneringstijd opgeslagen',
      loading: 'Instellingen laden…',
      unavailable: 'De instellingen konden niet worden geladen.',
    },
  },
  unsubscribe: {
    title: 'Afmelden voor afspraakmails',
    question: 'Geen afspraakmails meer van {{institute}}?',
    explain: 'Je ontvangt dan geen bevestigingen en herinneringen van je afspraken bij {{institute}} meer. Je afspraken zelf blijven staan.',
    confirm: 'Ja, afmelden',
    done: {
      title: 'Je bent afgemeld',
      text: '{{institute}} stuurt je geen afspraakmails meer. Wil je ze toch weer ontvangen? Laat het de salon weten.',
    },
    noCode: {
      title: 'Deze link werkt niet',
      text: 'Open de afmeldlink uit de e-mail van de salon.',
      malformed: 'De link is onvolledig. Kopieer de hele link uit de e-mail, of klik er direct op.',
    },
  },
};
