import { useEffect, useRef } from 'react';

export interface AgendaShortcuts {
  previous: () => void;
  next: () => void;
  today: () => void;
  day: () => void;
  week: () => void;
}

const KEYS: Record<string, keyof AgendaShortcuts> = { p: 'previous', k: 'previous', n: 'next', j: 'next', t: 'today', d: 'day', w: 'week' };

/**
 * The agenda's keys, as Google Calendar has them: P/K previous, N/J next, T today, D day, W week.
 * Not while typing in a field, with a modifier held, or with a dialog open.
 */
export function useAgendaShortcuts(actions: AgendaShortcuts): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog[open]')) return;
      const action = KEYS[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
