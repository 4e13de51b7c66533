import type { Browser, Page } from 'playwright-core';
import { totp } from '@homi/testing';
import { Visit } from './browser';

// Steps people take, in their words, shared by the journeys.

const byRole = (page: Page, role: Parameters<Page['getByRole']>[0], name: string | RegExp) => page.getByRole(role, { name, exact: typeof name === 'string' });

export async function heading(page: Page, name: string | RegExp) {
  await byRole(page, 'heading', name).first().waitFor();
}

/** On the issuer's sign-in page: e-mail and password, then (for support users) the code. */
export async function signInAtIssuer(visit: Visit, email: string, password: string, code?: () => string) {
  const { page } = visit;
  await heading(page, 'Inloggen bij HOMi');
  await visit.record('issuer-sign-in');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await byRole(page, 'button', 'Inloggen').click();
  if (code) {
    await heading(page, 'Bevestig met je authenticator-app');
    await page.getByLabel('Code uit je app').fill(code());
    await byRole(page, 'button', 'Bevestigen').click();
  }
}

/** From the start page: the issuer's sign-in with the authenticator code (support, operators), back in the app. */
export async function signInWithCode(visit: Visit, person: { email: string; password: string; totpSecret: string }) {
  await byRole(visit.page, 'button', 'Inloggen').first().click();
  await signInAtIssuer(visit, person.email, person.password, () => totp(person.totpSecret));
  await byRole(visit.page, 'button', 'Uitloggen').waitFor();
}

/** Opens an area from the main menu by its name. */
export const openArea = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();

/** From the start page: the issuer's sign-in, back in the app on the first area. */
export async function signIn(visit: Visit, email: string, password: string) {
  const { page } = visit;
  await byRole(page, 'button', 'Inloggen').first().click();
  await signInAtIssuer(visit, email, password);
  await page.getByRole('button', { name: /^Accountmenu/ }).waitFor();
}

/**
 * One person's journey in a browser context of its own: opens the app, signs in as `person`, takes
 * `steps`, and closes the context whatever happened.
 */
export async function signedInJourney(
  browser: Browser,
  journey: string,
  web: string,
  person: { email: string; password: string },
  steps: (visit: Visit, page: Page) => Promise<void>,
) {
  const visit = await Visit.open(browser, journey);
  try {
    await visit.page.goto(web);
    await signIn(visit, person.email, person.password);
    await steps(visit, visit.page);
  } finally {
    await visit.close();
  }
}

export async function signOut(visit: Visit) {
  const { page } = visit;
  await byRole(page, 'button', /^Accountmenu/).click();
  await byRole(page, 'menuitem', 'Uitloggen').click();
  await heading(page, /De administratie van je salon/);
}

/**
 * Nothing the page logged was an error, nor named the given personal data. The browser's own note on
 * an HTTP error answer (a refusal the app expects and shows, like a 403 the journey provokes) names
 * only the status, and is not the app's output.
 */
export function expectQuietConsole(visit: Visit, personal: string[]) {
  const browserNote = /^error: Failed to load resource: the server responded with a status of 4\d\d/;
  const errors = visit.console.filter((line) => (line.startsWith('error') || line.startsWith('pageerror')) && !browserNote.test(line));
  expect(errors).toEqual([]);
  for (const value of personal) expect(visit.console.filter((line) => line.includes(value))).toEqual([]);
}

export { byRole };
