// `npm start`: a FactuurSturen stand-in for local runs. Accounts come from
// FACTUURSTUREN_SIMULATOR_ACCOUNTS ("user:key,user2:key2"), default demo:demo-api-key.
import { startFactuurSturenSimulator } from './server';

const log = (event: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), service: 'factuursturen-simulator', event, ...fields }) + '\n');

function accountsFromEnv(value: string | undefined): { username: string; apiKey: string }[] {
  return (value ?? 'demo:demo-api-key')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.indexOf(':');
      if (colon <= 0 || colon === pair.length - 1) throw new Error('FACTUURSTUREN_SIMULATOR_ACCOUNTS must look like user:key,user2:key2');
      return { username: pair.slice(0, colon), apiKey: pair.slice(colon + 1) };
    });
}

async function main(): Promise<void> {
  const port = Number(process.env.FACTUURSTUREN_SIMULATOR_PORT ?? 3002);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('FACTUURSTUREN_SIMULATOR_PORT must be a port number');
  const accounts = accountsFromEnv(process.env.FACTUURSTUREN_SIMULATOR_ACCOUNTS);
  const simulator = await startFactuurSturenSimulator({ port, host: process.env.FACTUURSTUREN_SIMULATOR_HOST ?? '127.0.0.1', accounts });
  log('listening', { url: `${simulator.url}/api/v1/`, accounts: accounts.map((a) => a.username) });
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log('stopping', { signal });
    simulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  log('start_failed', { message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
