import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { i18n, loadLanguage } from '../i18n/i18n';

// Components may switch to English in a test; its catalog is fetched lazily in the app.
await loadLanguage('en');

// findBy…/waitFor wait up to 10 s rather than 1 s: on a loaded machine a render can take longer.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no modal <dialog> and no ResizeObserver (Radix's menus measure with it).
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  await i18n.changeLanguage('nl');
});
