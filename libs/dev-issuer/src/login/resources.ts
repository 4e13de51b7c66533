import type { IncomingMessage, ServerResponse } from 'node:http';

// The issuer's pages load their looks and their one script from here, so their
// Content-Security-Policy needs no 'unsafe-inline'.
export const RESOURCES_PATH = '/login-resources';

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;background:#fafaf9;color:#1c1917;
font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.top{width:100%;max-width:28rem;display:flex;justify-content:space-between;align-items:center;padding:1rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:600;font-size:1.125rem}
.brand svg{width:2rem;height:2rem}
main{width:100%;max-width:28rem;padding:0 1rem 2rem}
.card{background:#fff;border:1px solid #e7e5e4;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
p{margin:0 0 1rem}
.lead{color:#44403c}
.field{display:flex;flex-direction:column;gap:.25rem;margin-bottom:1rem}
label{font-weight:500;font-size:.875rem}
.hint{font-size:.75rem;color:#57534e;margin:0}
input{font:inherit;min-height:2.75rem;padding:.5rem .75rem;border:1px solid #a8a29e;border-radius:.5rem;background:#fff;color:#1c1917;width:100%}
input[aria-invalid=true]{border-color:#b91c1c}
.error{color:#b91c1c;font-size:.875rem;font-weight:500;margin:0}
.alert{border:1px solid #fca5a5;background:#fef2f2;color:#450a0a;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:1rem}
.alert strong{display:block}
button,.button{font:inherit;font-weight:500;min-height:2.75rem;padding:.5rem 1rem;border-radius:.5rem;border:0;background:#0f5c55;color:#fff;
cursor:pointer;width:100%;display:inline-flex;justify-content:center;align-items:center;text-decoration:none}
button:hover,.button:hover{background:#0d4a45}
button:disabled{opacity:.75;cursor:progress}
button.secondary{background:#fff;color:#1c1917;border:1px solid #d6d3d1;margin-top:.5rem}
button.secondary:hover{background:#f5f5f4}
a{color:#0f5c55;font-weight:500}
:focus-visible{outline:2px solid #13766b;outline-offset:2px}
.status{font-size:.875rem;color:#44403c;min-height:1.3rem;margin:.5rem 0 0}
.foot{font-size:.75rem;color:#57534e;text-align:center;margin-top:1rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`;

// Submits the page's one form at once: the sign-out of a first-party client (homi-web) needs no confirmation.
const SUBMIT_JS = "document.addEventListener('DOMContentLoaded',function(){var f=document.querySelector('form[data-autosubmit]');if(f)f.submit();});";

// Runs a WebAuthn ceremony when the page's security-key form is submitted: the options come from the
// form's data-options (JSON as @simplewebauthn/server makes them), the browser's answer goes back in the
// hidden `credential` field, a refusal's name in `failure`; the server decides what either means.
const SECURITY_KEY_JS = `(function () {
  function toBuffer(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var b = atob(s), a = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) a[i] = b.charCodeAt(i);
    return a.buffer;
  }
  function toBase64url(buffer) {
    var a = new Uint8Array(buffer), s = '';
    for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
    return btoa(s).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  function ids(list) { (list || []).forEach(function (c) { c.id = toBuffer(c.id); }); }
  function answer(c) {
    var r = c.response, out = { id: c.id, rawId: toBase64url(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(),
      response: { clientDataJSON: toBase64url(r.clientDataJSON) } };
    if (c.authenticatorAttachment) out.authenticatorAttachment = c.authenticatorAttachment;
    if (r.attestationObject) {
      out.response.attestationObject = toBase64url(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response.authenticatorData = toBase64url(r.authenticatorData);
      out.response.signature = toBase64url(r.signature);
      if (r.userHandle) out.response.userHandle = toBase64url(r.userHandle);
    }
    return out;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-security-key]');
    if (!form) return;
    var status = document.getElementById('key-status');
    var button = form.querySelector('button');
    function send(failure) {
      if (failure) form.elements.failure.value = failure;
      form.submit();
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!window.PublicKeyCredential || !navigator.credentials) return send('NotSupportedError');
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.textContent = form.getAttribute('data-waiting');
      var options = JSON.parse(form.getAttribute('data-options'));
      options.challenge = toBuffer(options.challenge);
      var ceremony;
      if (form.getAttribute('data-security-key') === 'register') {
        options.user.id = toBuffer(options.user.id);
        ids(options.excludeCredentials);
        ceremony = navigator.credentials.create({ publicKey: options });
      } else {
        ids(options.allowCredentials);
        ceremony = navigator.credentials.get({ publicKey: options });
      }
      ceremony.then(function (c) {
        form.elements.credential.value = JSON.stringify(answer(c));
        send();
      }, function (error) { send((error && error.name) || 'Error'); });
    });
  });
})();
`;

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f5c55"/><path d="M9 23V9h3v5.5h8V9h3v14h-3v-5.8h-8V23z" fill="#fff"/></svg>';

const FILES: Record<string, { type: string; body: string }> = {
  'favicon.svg': { type: 'image/svg+xml', body: FAVICON },
  'login.css': { type: 'text/css; charset=utf-8', body: CSS },
  'submit.js': { type: 'text/javascript; charset=utf-8', body: SUBMIT_JS },
  'security-key.js': { type: 'text/javascript; charset=utf-8', body: SECURITY_KEY_JS },
};

/** GET {realm}/login-resources/<file>. */
export function serveResource(res: ServerResponse, pathname: string, _req?: IncomingMessage): void {
  const file = FILES[pathname.split('/').pop() ?? ''];
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': file.type, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
  res.end(file.body);
}
