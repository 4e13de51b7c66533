import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeNetwork, jsonResponse, problemResponse, problemType, renderInApp } from '../../test/render';
import { SignupForm } from './signup-form';

const STATEMENT = { version: '2026-02', publishedAt: '2026-02-03T10:00:00.000Z', text: 'Wij verkopen geen gegevens.' };

function renderForm() {
  const onSignedUp = vi.fn();
  renderInApp(<SignupForm statement={STATEMENT} onSignedUp={onSignedUp} />);
  return onSignedUp;
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, overrides: Partial<Record<string, string>> = {}) {
  const values = { name: 'Olga Owner', email: 'Olga@Salon.test', password: 'a long enough password', institute: 'Salon Olga', ...overrides };
  await user.type(await screen.findByLabelText(/Je naam/), values.name);
  await user.type(screen.getByLabelText(/E-mailadres/), values.email);
  await user.type(screen.getByLabelText(/^Wachtwoord/), values.password);
  await user.type(screen.getByLabelText(/Naam van je instituut/), values.institute);
  await user.click(screen.getByRole('checkbox', { name: /versie 2026-02/ }));
}

const errorOf = (label: RegExp) => {
  const input = screen.getByLabelText(label);
  expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('the sign-up form', () => {
  it('shows the statement with its version and date', async () => {
    renderForm();
    expect(await screen.findByText('Versie 2026-02, gepubliceerd op 3 februari 2026')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Tekst van de privacyverklaring' })).toHaveTextContent('Wij verkopen geen gegevens.');
  });

  it('puts the contracts schema\'s errors beside each field, in Dutch, and sends nothing', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderForm();
    // Wholly empty first: every required field says so.
    await user.click(await screen.findByRole('button', { name: 'Account aanmaken' }));
    expect(errorOf(/Je naam/)).toContain('Vul dit in.');
    expect(errorOf(/^Wachtwoord/)).toContain('Vul dit in.');

    await user.type(screen.getByLabelText(/^Wachtwoord/), 'short');
    await user.type(screen.getByLabelText(/KvK-nummer/), '123');
    await user.type(screen.getByLabelText(/^Postcode/), '12');
    await user.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    expect(errorOf(/Je naam/)).toContain('Vul dit in.');
    expect(errorOf(/E-mailadres/)).toContain('Vul dit in.');
    expect(errorOf(/^Wachtwoord/)).toContain('Gebruik minstens 12 tekens.');
    expect(errorOf(/Naam van je instituut/)).toContain('Vul dit in.');
    expect(errorOf(/KvK-nummer/)).toContain('Dit heeft niet de verwachte vorm');
    // A partly filled address needs the rest.
    expect(errorOf(/^Straat/)).toContain('Vul dit in.');
    expect(errorOf(/^Postcode/)).toContain('Dit heeft niet de verwachte vorm');
    expect(errorOf(/versie 2026-02/)).toContain('Vul dit in.');
    expect(net.requests).toHaveLength(0);
  });

  it('sends the body the API expects and reports success', async () => {
    const net = fakeNetwork(jsonResponse(201, { userId: 'usr_new', tenantId: 'ten_new' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    const onSignedUp = renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    await vi.waitFor(() => expect(onSignedUp).toHaveBeenCalledOnce());
    expect(net.requests[0]).toMatchObject({ url: '/api/v1/signup', method: 'POST' });
    expect(net.requests[0]?.body).toEqual({
      name: 'Olga Owner', email: 'olga@salon.test', password: 'a long enough password',
      institute: { name: 'Salon Olga' }, acceptedPrivacyStatementVersion: '2026-02',
    });
  });

  it('shows a taken e-mail address beside the e-mail field', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(409, { type: problemType('email-taken'), title: 'Conflict' })).fetch);
    const user = userEvent.setup();
    const onSignedUp = renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    await vi.waitFor(() => expect(errorOf(/E-mailadres/)).toContain('Er bestaat al een account met dit e-mailadres'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it('puts the API\'s field errors beside their fields (a password the identity provider refuses)', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(400, {
      type: problemType('weak-password'), errors: [{ path: 'password', message: 'passwordHistory' }],
    })).fetch);
    const user = userEvent.setup();
    renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Account aanmaken' }));
    await vi.waitFor(() => expect(errorOf(/^Wachtwoord/)).toContain('Dit wachtwoord voldoet niet aan de eisen'));
  });

  it('shows a problem that belongs to no field above the form', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(503, { type: problemType('identity-provider-unavailable') })).fetch);
    const user = userEvent.setup();
    renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Account aanmaken' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('De inlogdienst is even niet bereikbaar')).toBeInTheDocument();
  });
});
