// `npm run soak [-- minutes]`: issue 19's soak (e2e/test/soak.test.ts) — the platform under a salon's
// mixed load for `minutes` (default 30), every process's RSS and open descriptors sampled, a plot
// written to .homi/soak/ — through `npm test`'s own runner (build, Postgres and NATS as npm test
// provides them). Not part of npm test (the test is skipped there).
import path from 'node:path';
import { isMain, repoRoot, runCommand, say } from './common.mjs';

if (isMain(import.meta)) {
  const minutes = process.argv[2] ?? process.env.HOMI_SOAK_MINUTES ?? '30';
  if (!/^[1-9][0-9]{0,2}$/.test(minutes)) {
    say('soak', `minutes must be a whole number from 1 to 999, not ${minutes}`);
    process.exit(2);
  }
  const code = await runCommand(process.execPath, [path.join(repoRoot, 'scripts', 'test.mjs'), '--selectProjects', 'e2e', '--testPathPatterns', 'e2e/test/soak'], {
    env: { ...process.env, HOMI_SOAK_MINUTES: minutes },
  });
  process.exit(code);
}
