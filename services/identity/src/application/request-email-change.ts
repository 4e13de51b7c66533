import type { MailLocale } from '@homi/mail';
import { hashMailToken } from '../domain/mail-token';
import type { Deps } from './deps';
import { sendOrUnavailable } from './send-mail';

export interface PendingEmailChange {
  email: string;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * Mails the confirmation of a new address to that address, and returns what to record as pending.
 * An address that already has an account gets a mail saying so instead, and the change recorded is
 * one nobody can confirm: the caller's answer is the same either way (no account enumeration).
 */
export async function requestEmailChange(
  deps: Pick<Deps, 'uow' | 'clock' | 'emailChangeTtlMs' | 'newToken' | 'idp' | 'mail' | 'links'>,
  userId: string, email: string, locale: MailLocale): Promise<PendingEmailChange> {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + deps.emailChangeTtlMs);
  const token = deps.newToken();
  // An address is unique across every tenant's users: the lookup is the user's, across tenants.
  const other = await deps.uow.asUser(userId, ({ users }) => users.findByEmail(email));
  const taken = (other !== null && other.id !== userId) || (other === null && (await deps.idp.findByEmail(email)) !== undefined);
  if (taken) {
    await sendOrUnavailable(deps, email, 'email-change-address-in-use', locale, {});
    return { email, tokenHash: hashMailToken(deps.newToken()), expiresAt };
  }
  await sendOrUnavailable(deps, email, 'email-change-confirmation', locale, { link: deps.links.emailConfirmation(token), token, expiresAt });
  return { email, tokenHash: hashMailToken(token), expiresAt };
}
