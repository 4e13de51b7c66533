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
button.secondary{background:#fff;color:#1c1917;border:1px solid #d6d3d1;margin-top:.5rem}
button.secondary:hover{background:#f5f5f4}
a{color:#0f5c55;font-weight:500}
:focus-visible{outline:2px solid #13766b;outline-offset:2px}
.foot{font-size:.75rem;color:#57534e;text-align:center;margin-top:1rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`;

// Submits the page's one form at once: the sign-out of a first-party client (homi-web) needs no confirmation.
const SUBMIT_JS = "document.addEventListener('DOMContentLoaded',function(){var f=document.querySelector('form[data-autosubmit]');if(f)f.submit();});";

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f5c55"/><path d="M9 23V9h3v5.5h8V9h3v14h-3v-5.8h-8V23z" fill="#fff"/></svg>';

const FILES: Record<string, { type: string; body: string }> = {
  'favicon.svg': { type: 'image/svg+xml', body: FAVICON },
  'login.css': { type: 'text/css; charset=utf-8', body: CSS },
  'submit.js': { type: 'text/javascript; charset=utf-8', body: SUBMIT_JS },
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
