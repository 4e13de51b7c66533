import { useSyncExternalStore } from 'react';

/**
 * Where the person is in an institute's client list (search text, pages walked), kept in memory so
 * coming back from a client card returns to the same page. Never in the URL: a search is a name, and
 * a cursor encodes one.
 */
export interface ClientListState {
  q: string;
  /** Cursors of the pages walked; the last is the page shown (undefined: the first). */
  cursors: (string | undefined)[];
}

const INITIAL: ClientListState = { q: '', cursors: [undefined] };
const states = new Map<string, ClientListState>();
const listeners = new Set<() => void>();

function update(tenantId: string, next: ClientListState) {
  states.set(tenantId, next);
  listeners.forEach((listener) => listener());
}

export function useClientListState(tenantId: string) {
  const state = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => states.get(tenantId) ?? INITIAL,
  );
  return { ...state, page: state.cursors.length, cursor: state.cursors.at(-1) };
}

const current = (tenantId: string) => states.get(tenantId) ?? INITIAL;

/** A new search starts again at the first page. */
export const searchClients = (tenantId: string, q: string) => update(tenantId, { q, cursors: [undefined] });
export const nextClientPage = (tenantId: string, cursor: string) =>
  update(tenantId, { ...current(tenantId), cursors: [...current(tenantId).cursors, cursor] });
export const previousClientPage = (tenantId: string) => {
  const { cursors } = current(tenantId);
  if (cursors.length > 1) update(tenantId, { ...current(tenantId), cursors: cursors.slice(0, -1) });
};

/** Forgets every institute's list position (on sign-out). */
export const resetClientListStates = () => states.clear();
