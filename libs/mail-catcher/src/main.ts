#!/usr/bin/env node
import { startMailCatcher } from './catcher';

// `npm start` runs this: MAIL_CATCHER_SMTP_PORT (default 1025), MAIL_CATCHER_HTTP_PORT (default 1080),
// MAIL_CATCHER_HOST (default 127.0.0.1). Development only.
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

startMailCatcher({
  smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
  httpPort: port('MAIL_CATCHER_HTTP_PORT', 1080),
  host: process.env.MAIL_CATCHER_HOST ?? '127.0.0.1',
}).then(
  (catcher) => {
    process.stdout.write(JSON.stringify({ level: 'info', service: 'mail-catcher', smtp: catcher.smtpUrl, web: catcher.url, msg: 'mail catcher listening' }) + '\n');
    const stop = () => void catcher.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (err: unknown) => {
    process.stderr.write(`mail catcher could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
