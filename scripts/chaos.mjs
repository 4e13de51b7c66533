// `npm run chaos [-- rounds]`: the chaos suite (e2e/test/chaos.test.ts, issue 19) at full size —
// every service, NATS and Postgres SIGKILLed under load, `rounds` times each (default 3) — through
// `npm test`'s own runner (build, Postgres and NATS as npm test provides them). `npm test` runs it
// once per process kind.
// `npm run chaos -- --cluster [rounds]`: the three-node JetStream cluster's run instead
// (e2e/test/chaos-cluster.test.ts, ADR 57): per round the busiest stream's leader and the memberships
// bucket's leader SIGKILLed under load; `npm test` runs one round.
// `npm run chaos -- --replicas [rounds]`: two processes of every service (e2e/test/replicas.test.ts,
// ADR 60): per round one replica of each service SIGKILLed in turn under load; `npm test` runs one round.
import path from 'node:path';
import { isMain, repoRoot, runCommand, say } from './common.mjs';

if (isMain(import.meta)) {
  const args = process.argv.slice(2);
  const cluster = args.includes('--cluster');
  const replicas = args.includes('--replicas');
  const rest = args.filter((a) => a !== '--cluster' && a !== '--replicas');
  const rounds = rest[0] ?? process.env.HOMI_CHAOS_ROUNDS ?? '3';
  if (rest.length > 1 || !/^[1-9][0-9]?$/.test(rounds) || (cluster && replicas)) {
    say('chaos', `usage: npm run chaos -- [--cluster | --replicas] [rounds]; rounds is a whole number from 1 to 99, not ${rest.join(' ')}`);
    process.exit(2);
  }
  const pattern = cluster ? 'e2e/test/chaos-cluster' : replicas ? 'e2e/test/replicas\\.test' : 'e2e/test/chaos\\.test';
  const code = await runCommand(process.execPath, [path.join(repoRoot, 'scripts', 'test.mjs'), '--selectProjects', 'e2e', '--testPathPatterns', pattern], {
    env: { ...process.env, HOMI_CHAOS_ROUNDS: rounds },
  });
  process.exit(code);
}
