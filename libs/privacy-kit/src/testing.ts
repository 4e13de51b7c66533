import http from 'node:http';
import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { OwnerResultReported, PRIVACY_STREAM, RequestCommanded, type DataSubject } from '@homi/contracts';
import { connectNats, publish } from '@homi/messaging';
import { devServiceKeys, newId, serviceVerifier, verifyService, type ServiceKeys } from '@homi/service-kit';

// For a data owner's integration tests: a small server stands in for the privacy service's internal
// routes (uploads, corrections), and `run` commands a request over the real bus and collects the results.

export type RequestType = 'access' | 'erasure' | 'rectification';
/** A reported result; on an access request, `upload` holds what the owner uploaded. */
export type ReportedResult = OwnerResultReported & { upload?: string };

export interface PrivacyStub {
  /** Base URL to give the owner as its privacy service. */
  url: string;
  /** Connects to the bus the owner under test listens on; call once the owner has started. */
  connect(natsUrl: string): Promise<void>;
  /** Commands one request `deliveries` times (as redeliveries) and waits up to 15 s for as many results. */
  run(type: RequestType, subject: DataSubject, deliveries?: number, fixes?: unknown): Promise<ReportedResult[]>;
  close(): Promise<void>;
}

/** A privacy-service stand-in for `owner`, accepting only calls signed for it with a key it trusts (`keys.trusted`). */
export async function startPrivacyStub(options: { owner: string; keys: Pick<ServiceKeys, 'service' | 'trusted'> }): Promise<PrivacyStub> {
  const verifier = serviceVerifier(options.keys);
  const uploads = new Map<string, string>();
  const corrections = new Map<string, unknown>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    const verified = verifyService(req.headers['x-homi-service'] as string, verifier, { method: req.method ?? '', path: req.url ?? '' });
    req.on('end', () => void verified.then((caller) => answer(caller === options.owner), () => answer(false)));
    const answer = (allowed: boolean) => {
      if (!allowed) return void res.writeHead(401).end();
      const id = (req.url ?? '').split('/')[5] ?? '';
      if (req.method === 'PUT') uploads.set(id, body);
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ corrections: corrections.get(id) }));
      res.writeHead(204).end();
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  let nc: Awaited<ReturnType<typeof connectNats>> | undefined;

  const run: PrivacyStub['run'] = async (type, subject, deliveries = 1, fixes) => {
    if (!nc) throw new Error('privacy stub: connect() first');
    const js = jetstream(nc);
    const requestId = newId('dsr');
    if (fixes) corrections.set(requestId, fixes);
    for (let i = 1; i <= deliveries; i++) {
      await publish(js, RequestCommanded, { requestId, type, subject, owners: [options.owner], attempt: i, occurredAt: new Date().toISOString() }, { msgId: `${requestId}-${i}` });
    }
    const jsm = await js.jetstreamManager();
    const info = await jsm.consumers.add(PRIVACY_STREAM.name, { filter_subject: OwnerResultReported.forOwner(options.owner).subject, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
    const consumer = await js.consumers.get(PRIVACY_STREAM.name, info.name);
    const found: ReportedResult[] = [];
    const deadline = Date.now() + 15_000;
    while (found.length < deliveries && Date.now() < deadline) {
      for await (const m of await consumer.fetch({ max_messages: 1000, expires: 1000 })) {
        const r = m.json<ReportedResult>();
        if (r.requestId === requestId) found.push(r);
      }
    }
    if (type === 'access') found.forEach((r) => Object.assign(r, { upload: uploads.get(requestId) }));
    if (type === 'rectification') corrections.delete(requestId);
    return found;
  };

  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    connect: async (natsUrl) => {
      nc = await connectNats({ url: natsUrl, name: 'privacy-test' });
    },
    run,
    close: async () => {
      await nc?.close();
      server.close();
    },
  };
}

/**
 * A data owner under test with the privacy stub it answers: the stub starts first (the owner uploads
 * to it, signed for the privacy service's development keys), and listens on the owner's bus once the
 * owner runs. `dispose` stops the owner, then the stub.
 */
export async function startOwnerWithPrivacyStub<H extends { natsUrl: string; stop(): Promise<unknown> }>(
  owner: string,
  startOwner: (privacyUrl: string) => Promise<H>,
): Promise<{ h: H; privacy: PrivacyStub; dispose(): Promise<void> }> {
  const privacy = await startPrivacyStub({ owner, keys: devServiceKeys('privacy') });
  const h = await startOwner(privacy.url).catch(async (error: unknown) => {
    await privacy.close();
    throw error;
  });
  await privacy.connect(h.natsUrl);
  return {
    h,
    privacy,
    async dispose() {
      await h.stop();
      await privacy.close();
    },
  };
}
