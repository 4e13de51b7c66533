// `npm run chaos [-- rounds]`: the chaos suite (e2e/test/chaos.test.ts, issue 19) at full size —
// every service, NATS and Postgres SIGKILLed under load, `rounds` times each (default 3) — through
// `npm test`'s own runner (build, Postgres and NATS as npm test provides them). `npm test` runs it
// once per process kind.
import path from 'node:path';
import { isMain, repoRoot, runCommand, say } from './common.mjs';

if (isMain(import.meta)) {
  const rounds = process.argv[2] ?? process.env.HOMI_CHAOS_ROUNDS ?? '3';
  if (!/^[1-9][0-9]?$/.test(rounds)) {
    say('chaos', `rounds must be a whole number from 1 to 99, not ${rounds}`);
    process.exit(2);
  }
  const code = await runCommand(process.execPath, [path.join(repoRoot, 'scripts', 'test.mjs'), '--selectProjects', 'e2e', '--testPathPatterns', 'e2e/test/chaos'], {
    env: { ...process.env, HOMI_CHAOS_ROUNDS: rounds },
  });
  process.exit(code);
}
