// The gateway row's floor (issue 17): a bare node:http reverse proxy in front of tenant-data that
// does only what any gateway must do on this route: forward the request over a keep-alive agent,
// with a caller context signed for this one request (ADR 38, the gateway's key), and stream the
// answer back. No token check, no membership lookup, no express, no tracing, no logging: what Node
// costs for one more hop, so the bench can say how much of the gateway's price is HOMi's own.
// Started as a process by gateway.bench.mjs: UPSTREAM_URL, CALLER_JSON (the caller context),
// GATEWAY_SIGNING_KEY, HOST, PORT; answers /readyz as startServiceProcess expects.
import http from 'node:http';
import { CALLER_HEADER, parseSigningKey, signCaller } from '@homi/service-kit';

const { UPSTREAM_URL, CALLER_JSON, GATEWAY_SIGNING_KEY, HOST = '127.0.0.1', PORT = '0', HOMI_INSTANCE_ID = '' } = process.env;
if (!UPSTREAM_URL || !CALLER_JSON || !GATEWAY_SIGNING_KEY) throw new Error('set UPSTREAM_URL, CALLER_JSON and GATEWAY_SIGNING_KEY');

const upstream = new URL(UPSTREAM_URL);
const keys = { service: 'gateway', signing: parseSigningKey(GATEWAY_SIGNING_KEY) };
const caller = JSON.parse(CALLER_JSON);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  if (req.url === '/readyz' || req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json', 'x-instance-id': HOMI_INSTANCE_ID }).end('{"status":"ok"}');
    return;
  }
  const path = req.url ?? '/';
  const headers = { [CALLER_HEADER]: signCaller(caller, keys, { audience: 'tenant-data', method: req.method ?? 'GET', path }) };
  const out = http.request({ hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    answer.pipe(res);
  });
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(503);
    res.end();
  });
  req.pipe(out);
});
server.keepAliveTimeout = 5_000;
server.listen(Number(PORT), HOST);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
