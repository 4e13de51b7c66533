// Where to go after signing in, when a signed-out person opened a page that needs a session. Kept in
// memory only: a path of this app, which names ids and never personal data.
let pending: string | undefined;

/** Pages that are steps on the way, never a destination to come back to. */
const PASSING = ['/statement', '/auth/'];

export function rememberReturnTo(path: string): void {
  if (!path.startsWith('/') || path.startsWith('//') || PASSING.some((p) => path.startsWith(p))) return;
  pending = path;
}

export function takeReturnTo(fallback = '/start'): string {
  const path = pending ?? fallback;
  pending = undefined;
  return path;
}
