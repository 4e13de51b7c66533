// What the development issuer's pages say, Dutch first (as the web app), English when asked
// (`ui_locales=en` from the app, or the page's own language link).
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TEXTS = {
  nl: {
    title: 'Inloggen bij HOMi',
    lead: 'Log in met het e-mailadres en wachtwoord van je HOMi-account.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    codeTitle: 'Bevestig met je authenticator-app',
    codeLead: 'Vul de code van 6 cijfers in die je authenticator-app nu toont.',
    code: 'Code uit je app',
    codeHint: '6 cijfers, bijvoorbeeld 123456',
    codeSubmit: 'Bevestigen',
    otherAccount: 'Met een ander account inloggen',
    emailMissing: 'Vul je e-mailadres in.',
    passwordMissing: 'Vul je wachtwoord in.',
    wrongCredentials: 'Deze combinatie van e-mailadres en wachtwoord kennen we niet. Controleer ze en probeer het opnieuw.',
    disabled: 'Dit account is uitgeschakeld. Neem contact op met een eigenaar van je instituut of met HOMi.',
    codeMissing: 'Vul de code uit je app in.',
    codeWrong: 'Deze code klopt niet of is verlopen. Vul de code in die je app nu toont.',
    problem: 'Er is een probleem',
    expiredTitle: 'Deze inlogpoging is verlopen',
    expiredText: 'Ga terug naar HOMi en log opnieuw in.',
    errorTitle: 'Er ging iets mis bij het inloggen',
    logoutTitle: 'Uitloggen bij HOMi',
    logoutText: 'Wil je uitloggen?',
    logoutYes: 'Ja, uitloggen',
    logoutNo: 'Nee, ingelogd blijven',
    loggingOut: 'Je wordt uitgelogd…',
    continue: 'Doorgaan',
    loggedOutTitle: 'Je bent uitgelogd',
    loggedOutText: 'Je kunt dit venster sluiten.',
    switchLanguage: 'English',
    development: 'Ontwikkel-inlogdienst (vervangt Keycloak buiten productie)',
  },
  en: {
    title: 'Sign in to HOMi',
    lead: 'Sign in with the e-mail address and password of your HOMi account.',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    codeTitle: 'Confirm with your authenticator app',
    codeLead: 'Enter the 6-digit code your authenticator app shows now.',
    code: 'Code from your app',
    codeHint: '6 digits, for example 123456',
    codeSubmit: 'Confirm',
    otherAccount: 'Sign in with another account',
    emailMissing: 'Enter your e-mail address.',
    passwordMissing: 'Enter your password.',
    wrongCredentials: 'Invalid username or password.',
    disabled: 'This account is disabled. Contact an owner of your institute or HOMi.',
    codeMissing: 'Enter the code from your app.',
    codeWrong: 'This code is wrong or has expired. Enter the code your app shows now.',
    problem: 'There is a problem',
    expiredTitle: 'This sign-in attempt has expired',
    expiredText: 'Go back to HOMi and sign in again.',
    errorTitle: 'Something went wrong while signing in',
    logoutTitle: 'Sign out of HOMi',
    logoutText: 'Do you want to sign out?',
    logoutYes: 'Yes, sign out',
    logoutNo: 'No, stay signed in',
    loggingOut: 'Signing you out…',
    continue: 'Continue',
    loggedOutTitle: 'You are signed out',
    loggedOutText: 'You can close this window.',
    switchLanguage: 'Nederlands',
    development: 'Development sign-in service (stands in for Keycloak outside production)',
  },
} satisfies Record<Language, Record<string, string>>;

export type Texts = (typeof TEXTS)['nl'];

/** The page's language: its own `lang` link first, then the app's `ui_locales`, else Dutch. */
export function languageOf(explicit: string | null | undefined, uiLocales: unknown): Language {
  if (explicit === 'en' || explicit === 'nl') return explicit;
  const asked = typeof uiLocales === 'string' ? uiLocales.split(/\s+/).map((l) => l.slice(0, 2).toLowerCase()) : [];
  return asked.find((l): l is Language => (LANGUAGES as readonly string[]).includes(l)) ?? 'nl';
}
