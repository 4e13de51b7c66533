// The page the issuer sends a silent sign-in (prompt=none, in a hidden iframe) back to: it hands the
// answer to the app that framed it and does nothing else.
import { UserManager } from 'oidc-client-ts';
import { SILENT_CALLBACK_PATH } from './paths';

void new UserManager({
  authority: window.location.origin,
  client_id: 'homi-web',
  redirect_uri: `${window.location.origin}${SILENT_CALLBACK_PATH}`,
}).signinSilentCallback();
