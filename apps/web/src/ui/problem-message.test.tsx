import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { i18n } from '../i18n/i18n';
import { fakeAuth, problemType, renderInApp } from '../test/render';
import { ProblemMessage } from './problem-message';

const problem = (status: number, code?: string, extra: Record<string, unknown> = {}, retryAfter?: number) =>
  new ApiProblem(status, { status, ...(code ? { type: problemType(code) } : {}), title: 'English title from the API', ...extra }, retryAfter);

describe('ProblemMessage', () => {
  it.each([
    [401, 'invalid-token', 'Je sessie is verlopen', 'Log opnieuw in'],
    [403, 'module-permission-required', 'Je hebt hier geen rechten voor', 'Vraag een eigenaar of beheerder'],
    [404, 'not-found', 'Niet gevonden', 'Ga terug'],
    [409, 'email-taken', 'Dit e-mailadres is al in gebruik', 'Log in met dit adres'],
    [429, 'rate-limited', 'Even rustig aan', 'over 30 seconden'],
    [503, 'upstream-unavailable', 'HOMi is even niet bereikbaar', 'er is niets gewijzigd'],
  ])('says a %i %s in Dutch with what to do, never the API\'s English title', async (status, code, title, action) => {
    renderInApp(<ProblemMessage problem={problem(status, code, {}, 30)} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(action);
    expect(alert).not.toHaveTextContent('English title from the API');
  });

  it('falls back to the status for a problem type the catalog does not know', async () => {
    renderInApp(<ProblemMessage problem={problem(409, 'something-new')} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Dit botst met de huidige stand');
  });

  it('names the statement version a privacy-statement-acceptance-required problem carries', async () => {
    renderInApp(<ProblemMessage problem={problem(403, 'privacy-statement-acceptance-required', { currentVersion: '2026-03' })} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Lees en accepteer versie 2026-03');
  });

  it('says it in English once the person chose English', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<ProblemMessage problem={problem(404, 'client-not-found')} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This client was not found');
  });

  it('explains a request that got no answer at all, and offers to try again', async () => {
    const onRetry = vi.fn();
    renderInApp(<ProblemMessage problem={new ApiProblem(0, { type: 'network-error', status: 0 })} onRetry={onRetry} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Geen verbinding met HOMi');
    await userEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('offers to sign in again after a 401, and no retry for a 4xx that will not pass', async () => {
    const { auth, calls } = fakeAuth();
    renderInApp(<ProblemMessage problem={problem(401, 'invalid-token')} onRetry={() => {}} />, { auth });
    await userEvent.click(await screen.findByRole('button', { name: 'Opnieuw inloggen' }));
    expect(calls).toEqual(['signIn /']);
    expect(screen.queryByRole('button', { name: 'Opnieuw proberen' })).not.toBeInTheDocument();
  });

  it('says something useful about an error that is not an API problem', async () => {
    renderInApp(<ProblemMessage problem={new TypeError('boom')} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Er ging iets mis bij HOMi');
  });
});
