/** Where the issuer sends the browser back after a sign-in: registered as homi-web's redirect URIs. */
export const CALLBACK_PATH = '/auth/callback';
export const SILENT_CALLBACK_PATH = '/silent-callback.html';
/** Where the issuer sends the browser after signing out: registered as a post-logout redirect URI. */
export const SIGNED_OUT_PATH = '/';
