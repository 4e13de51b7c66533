import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, following changes (false where the browser cannot tell). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
  );
}

/** Tailwind's `md`: wide enough for the agenda's time grid. */
export const WIDE_SCREEN = '(min-width: 48rem)';
