import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { summary, type CaughtMail, type MailStore } from './store';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
  '<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933}table{border-collapse:collapse;width:100%}' +
  'td,th{text-align:left;padding:6px 10px;border-bottom:1px solid #d9e2ec}pre{white-space:pre-wrap;background:#f5f7fa;padding:12px}' +
  'iframe{width:100%;height:480px;border:1px solid #d9e2ec}.note{color:#9b2c2c}</style></head><body>' +
  '<p class="note">HOMi mail catcher: development only. Nothing here was delivered.</p>' +
  body + '</body></html>';

function listPage(mails: CaughtMail[]): string {
  const rows = mails
    .map((m) => `<tr><td>${esc(m.receivedAt)}</td><td>${esc(m.to.join(', '))}</td><td><a href="/messages/${esc(m.id)}">${esc(m.subject || '(no subject)')}</a></td></tr>`)
    .join('');
  return page('Mail catcher', `<h1>Caught mail (${mails.length})</h1><table><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table>`);
}

function messagePage(m: CaughtMail): string {
  // The HTML part is shown in a sandboxed frame: no scripts, no access to this page.
  const html = m.html ? `<h2>HTML</h2><iframe sandbox="" srcdoc="${esc(m.html)}"></iframe>` : '';
  return page(m.subject, `<p><a href="/">all mail</a></p><h1>${esc(m.subject)}</h1>` +
    `<p>from ${esc(m.from)} to ${esc(m.to.join(', '))} at ${esc(m.receivedAt)}</p><h2>Text</h2><pre>${esc(m.text)}</pre>${html}`);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value));

/**
 * The web view (`/`, `/messages/{id}`) and the JSON API the tests and the seed read:
 * `GET /api/messages[?to=address]` (newest first, without bodies), `GET /api/messages/{id}`,
 * `DELETE /api/messages`, `GET /api/stats` (mails received and repeats kept once).
 */
export function webServer(store: MailStore): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const [, first, second, third] = url.pathname.split('/');
    if (first === 'api' && second === 'stats' && req.method === 'GET') return json(res, 200, store.stats());
    if (first === 'api' && second === 'messages') {
      if (!third && req.method === 'GET') return json(res, 200, { items: store.list(url.searchParams.get('to') ?? undefined).map(summary) });
      if (!third && req.method === 'DELETE') {
        store.clear();
        return send(res, 204, 'text/plain', '');
      }
      const mail = third && req.method === 'GET' ? store.get(decodeURIComponent(third)) : undefined;
      return mail ? json(res, 200, mail) : json(res, 404, { error: 'not found' });
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', listPage(store.list()));
    const mail = first === 'messages' && second ? store.get(decodeURIComponent(second)) : undefined;
    return mail ? send(res, 200, 'text/html; charset=utf-8', messagePage(mail)) : send(res, 404, 'text/plain', 'not found');
  });
}
