import type { CaughtMail, CaughtMailSummary, MailStats } from './store';

export interface WaitForMail {
  to: string;
  /** Only a mail whose subject matches. */
  subject?: RegExp;
  /** Only a mail received after this moment (ms since the epoch). */
  since?: number;
  timeoutMs?: number;
}

/** Reads a running catcher over its JSON API, as the tests and the seed do (real HTTP, no shared memory). */
export function mailCatcherClient(baseUrl: string) {
  const base = baseUrl.replace(/\/$/, '');
  const getJson = async <T>(path: string): Promise<T> => {
    const res = await fetch(base + path, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`mail catcher answered ${res.status} to ${path}`);
    return (await res.json()) as T;
  };
  const client = {
    list: async (to?: string) => (await getJson<{ items: CaughtMailSummary[] }>(`/api/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).items,
    get: (id: string) => getJson<CaughtMail>(`/api/messages/${encodeURIComponent(id)}`),
    /** SMTP transactions received, and how many repeated a Message-ID already held. */
    stats: () => getJson<MailStats>('/api/stats'),
    /** The newest mail to the address that matches; polls until one arrives. */
    async waitFor({ to, subject, since = 0, timeoutMs = 10_000 }: WaitForMail): Promise<CaughtMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await client.list(to)).find((m) => Date.parse(m.receivedAt) >= since && (!subject || subject.test(m.subject)));
        if (found) return client.get(found.id);
        if (Date.now() > deadline) throw new Error(`no mail${subject ? ` matching ${subject}` : ''} arrived within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return client;
}

export type MailCatcherClient = ReturnType<typeof mailCatcherClient>;
