// Where to go after signing in, when a signed-out person opened a page that needs a session. Kept in
// memory only: a path of this app, which names ids and never personal data.
let pending: string | undefined;

export function rememberReturnTo(path: string): void {
  if (path.startsWith('/') && !path.startsWith('//')) pending = path;
}

export function takeReturnTo(fallback = '/start'): string {
  const path = pending ?? fallback;
  pending = undefined;
  return path;
}
