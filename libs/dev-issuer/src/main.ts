import { configFromEnv } from './config';
import { jsonLineLog as log } from './log';
import { startDevIssuer } from './server';

async function main(): Promise<void> {
  const options = configFromEnv();
  const issuer = await startDevIssuer(options, log);
  log('listening', {
    issuer: issuer.issuer,
    users: options.users?.length ?? 0,
    persistentKeys: Boolean(options.keysFile),
    adminApi: Boolean(options.adminSecret),
  });

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log('stopping', { signal });
    issuer.close().then(
      () => process.exit(0),
      (err: Error) => (log('stop_failed', { message: err.message }), process.exit(1)),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (process.env.DEV_ISSUER_STOP_WITH_PARENT === '1') {
    // Spawned by spawnDevIssuer: when that process dies, its end of our stdin closes.
    process.stdin.on('end', () => stop('parent_gone')).resume();
  }
}

main().catch((err: unknown) => {
  log('start_failed', { message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
