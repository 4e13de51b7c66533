import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailStore } from './store';

const MAX_SIZE = 10 * 1024 * 1024;

/** Each header field's value as sent (unfolded), by lower-cased name; the first of a repeated field. */
function rawHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    headers[key] ??= line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return headers;
}

/**
 * An SMTP server that accepts every mail (any or no credentials, no TLS) and keeps it in the store.
 * Development only: it listens on the loopback address unless told otherwise.
 */
export function smtpServer(store: MailStore): SMTPServer {
  const server = new SMTPServer({
    authOptional: true,
    // No TLS here: a client configured to require it fails loudly rather than sending in the clear elsewhere.
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'catcher' }),
    onData: (stream, session, callback) => {
      simpleParser(stream, (err, parsed) => {
        if (err) return callback(err);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        store.add({
          messageId: parsed.messageId ?? null,
          from,
          to,
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
          headers: rawHeaders(parsed.headerLines),
        });
        callback();
      });
    },
  });
  // A sender that dies mid-transaction (a crash, a SIGKILL) resets its connection: smtp-server reports
  // that as an 'error' event, which would end the catcher, and the process it runs in, without a listener.
  server.on('error', () => {});
  return server;
}
