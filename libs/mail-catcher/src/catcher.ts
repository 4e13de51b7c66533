import type { AddressInfo, Server } from 'node:net';
import { smtpServer } from './smtp';
import { MailStore, type CaughtMail, type MailStats } from './store';
import { webServer } from './web';

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  smtpPort?: number;
  httpPort?: number;
  /** Loopback unless told otherwise: the catcher has no authentication. */
  host?: string;
  maxMessages?: number;
}

export interface MailCatcher {
  smtpPort: number;
  /** `smtp://host:port`, for a service's SMTP_URL. */
  smtpUrl: string;
  /** The web view; the JSON API is under `/api/messages`. */
  url: string;
  messages(to?: string): CaughtMail[];
  stats(): MailStats;
  clear(): void;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Starts the SMTP side and the web side; development and tests only. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const store = new MailStore(options.maxMessages ?? 5000);
  const smtp = smtpServer(store);
  const web = webServer(store);
  const smtpPort = await listen(smtp.server, options.smtpPort ?? 0, host);
  let httpPort: number;
  try {
    httpPort = await listen(web, options.httpPort ?? 0, host);
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    smtpPort,
    smtpUrl: `smtp://${shown}:${smtpPort}`,
    url: `http://${shown}:${httpPort}`,
    messages: (to) => store.list(to),
    stats: () => store.stats(),
    clear: () => store.clear(),
    async stop() {
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
