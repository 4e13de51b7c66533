import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { ToastProvider } from './toast';

describe('the notifications region', () => {
  it('is named with the key that reaches it, in the person\'s language', async () => {
    const view = () => (
      <I18nextProvider i18n={i18n}>
        <ToastProvider>
          <p>inhoud</p>
        </ToastProvider>
      </I18nextProvider>
    );
    const { rerender } = render(view());
    expect(screen.getByRole('region', { name: 'Meldingen (F8)' })).toBeInTheDocument();
    await i18n.changeLanguage('en');
    rerender(view());
    expect(await screen.findByRole('region', { name: 'Notifications (F8)' })).toBeInTheDocument();
  });
});
