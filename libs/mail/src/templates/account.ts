import { formatMoment, type MailContent, type MailLocale } from '../render';

// identity's mails: colleagues' invitations and the confirmation of a changed e-mail address.

export const SIGNATURE = { nl: 'Met vriendelijke groet,\nHOMi', en: 'Kind regards,\nHOMi' } as const;

const ROLES: Record<MailLocale, Record<string, string>> = {
  nl: { owner: 'eigenaar', admin: 'beheerder', staff: 'medewerker' },
  en: { owner: 'owner', admin: 'administrator', staff: 'staff member' },
};

export interface InvitationData {
  instituteName: string;
  inviterName: string;
  role: 'owner' | 'admin' | 'staff';
  /** Where the invitee accepts; carries the token. */
  link: string;
  token: string;
  expiresAt: Date;
}

export function invitation(locale: MailLocale, d: InvitationData): MailContent {
  const role = ROLES[locale][d.role] ?? d.role;
  const until = formatMoment(d.expiresAt, locale);
  return locale === 'nl'
    ? {
        subject: `Uitnodiging voor ${d.instituteName} op HOMi`,
        greeting: 'Hallo,',
        paragraphs: [
          `${d.inviterName} nodigt je uit om als ${role} mee te werken in ${d.instituteName} op HOMi.`,
          `Neem de uitnodiging aan met je bestaande HOMi-account op dit adres, of maak een account aan. De uitnodiging geldt tot ${until}.`,
        ],
        action: { label: 'Uitnodiging bekijken', url: d.link },
        code: { label: 'Werkt de knop niet? Gebruik dan deze code', value: d.token },
        afterword: ['Verwachtte je deze uitnodiging niet? Dan kun je haar negeren of weigeren; er gebeurt niets zonder jouw toestemming.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: `Invitation to ${d.instituteName} on HOMi`,
        greeting: 'Hello,',
        paragraphs: [
          `${d.inviterName} invites you to work in ${d.instituteName} on HOMi as ${role}.`,
          `Accept the invitation with your existing HOMi account at this address, or create an account. The invitation is valid until ${until}.`,
        ],
        action: { label: 'View the invitation', url: d.link },
        code: { label: 'If the button does not work, use this code', value: d.token },
        afterword: ['Not expecting this invitation? Ignore or decline it; nothing happens without your consent.'],
        signature: SIGNATURE.en,
      };
}

export interface EmailChangeConfirmationData {
  link: string;
  token: string;
  expiresAt: Date;
}

export function emailChangeConfirmation(locale: MailLocale, d: EmailChangeConfirmationData): MailContent {
  const until = formatMoment(d.expiresAt, locale);
  return locale === 'nl'
    ? {
        subject: 'Bevestig je nieuwe e-mailadres voor HOMi',
        greeting: 'Hallo,',
        paragraphs: [
          'Iemand heeft gevraagd dit adres te gebruiken voor een HOMi-account. Was jij dat? Bevestig het dan terwijl je bent ingelogd op dat account.',
          `Tot je bevestigt blijft het oude adres in gebruik. De link geldt tot ${until} en werkt één keer.`,
        ],
        action: { label: 'E-mailadres bevestigen', url: d.link },
        code: { label: 'Werkt de knop niet? Gebruik dan deze code', value: d.token },
        afterword: ['Heb je dit niet gevraagd? Negeer deze e-mail dan: er verandert niets.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'Confirm your new e-mail address for HOMi',
        greeting: 'Hello,',
        paragraphs: [
          'Someone asked to use this address for a HOMi account. Was it you? Then confirm it while signed in to that account.',
          `Until you confirm, the old address stays in use. The link is valid until ${until} and works once.`,
        ],
        action: { label: 'Confirm the e-mail address', url: d.link },
        code: { label: 'If the button does not work, use this code', value: d.token },
        afterword: ['Did not ask for this? Ignore this e-mail: nothing changes.'],
        signature: SIGNATURE.en,
      };
}

export interface AccountVerificationData {
  /** Where the address is confirmed; carries the one-time key. */
  link: string;
  expiresAt: Date;
}

/**
 * After sign-up: confirm that the address is yours. Keycloak sends its own in production (realm SMTP,
 * `PUT /users/{id}/send-verify-email`); the development issuer sends this one through libs/mail.
 */
export function accountVerification(locale: MailLocale, d: AccountVerificationData): MailContent {
  const until = formatMoment(d.expiresAt, locale);
  return locale === 'nl'
    ? {
        subject: 'Bevestig je e-mailadres voor HOMi',
        greeting: 'Hallo,',
        paragraphs: ['Welkom bij HOMi. Bevestig dat dit e-mailadres van jou is, zodat we je kunnen bereiken over je account en je instituut.', `De link werkt één keer en geldt tot ${until}.`],
        action: { label: 'E-mailadres bevestigen', url: d.link },
        afterword: ['Heb je geen HOMi-account aangemaakt? Negeer deze e-mail dan.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'Confirm your e-mail address for HOMi',
        greeting: 'Hello,',
        paragraphs: ['Welcome to HOMi. Confirm that this e-mail address is yours, so that we can reach you about your account and your institute.', `The link works once and is valid until ${until}.`],
        action: { label: 'Confirm the e-mail address', url: d.link },
        afterword: ['Did not create a HOMi account? Ignore this e-mail.'],
        signature: SIGNATURE.en,
      };
}

/** Sent instead of a confirmation when the new address already belongs to an account. */
export function emailChangeAddressInUse(locale: MailLocale): MailContent {
  return locale === 'nl'
    ? {
        subject: 'Je e-mailadres voor HOMi',
        greeting: 'Hallo,',
        paragraphs: [
          'Iemand heeft gevraagd dit adres te gebruiken voor een HOMi-account. Er hoort al een HOMi-account bij dit adres, dus dat kan niet: er verandert niets.',
        ],
        afterword: ['Was jij dat? Gebruik dan het account dat je al op dit adres hebt, of kies een ander adres.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'Your e-mail address for HOMi',
        greeting: 'Hello,',
        paragraphs: ['Someone asked to use this address for a HOMi account. This address already belongs to a HOMi account, so it cannot be used: nothing changes.'],
        afterword: ['Was it you? Then use the account you already have at this address, or choose another address.'],
        signature: SIGNATURE.en,
      };
}

export interface EmailChangedData {
  /** The new address, partly hidden: the old mailbox may no longer be the account holder's. */
  newAddressHint: string;
  changedAt: Date;
}

/** To the old address once the new one is confirmed. */
export function emailChanged(locale: MailLocale, d: EmailChangedData): MailContent {
  const at = formatMoment(d.changedAt, locale);
  return locale === 'nl'
    ? {
        subject: 'Het e-mailadres van je HOMi-account is gewijzigd',
        greeting: 'Hallo,',
        paragraphs: [`Op ${at} is het e-mailadres van je HOMi-account gewijzigd in ${d.newAddressHint}. Dit adres wordt niet meer gebruikt om in te loggen.`],
        afterword: ['Heb je dit niet zelf gedaan? Neem dan meteen contact op met de helpdesk van HOMi.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'The e-mail address of your HOMi account changed',
        greeting: 'Hello,',
        paragraphs: [`On ${at} the e-mail address of your HOMi account was changed to ${d.newAddressHint}. This address is no longer used to sign in.`],
        afterword: ['Did not do this yourself? Contact HOMi support at once.'],
        signature: SIGNATURE.en,
      };
}

/** `anna@example.nl` → `a…@example.nl`: enough to recognise, not enough to write to. */
export function hintAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '…' : `${address[0]}…${address.slice(at)}`;
}
