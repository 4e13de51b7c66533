// `npm test [-- jest options]`: installs when needed, re-runs itself on the project's Node
// (project-node.mjs) and says which, builds, type-checks and lints every
// workspace (stopping at the first failure), provides Postgres and NATS (DATABASE_URL / NATS_URL
// when set, else an embedded Postgres and a nats-server child; see local-infra.mjs), runs the
// root jest over all projects with both URLs in its environment, stops what it started, and
// exits with jest's exit code. Example: npm test -- --selectProjects gateway
import { ensureInstall } from './ensure-install.mjs';
import { InfraError, maskUrl, npx, runCommand, say } from './common.mjs';
import { useProjectNode } from './project-node.mjs';

const log = (m) => say('test', m);

async function main() {
  ensureInstall();
  await useProjectNode('test');
  const checked = await runCommand(npx, ['turbo', 'run', 'build', 'typecheck', 'lint']);
  if (checked !== 0) {
    log(`build, typecheck or lint failed (exit code ${checked}); no tests were run`);
    return checked;
  }

  const { ensureInfra } = await import('./local-infra.mjs');
  const infra = await ensureInfra({ purpose: 'test' });
  infra.exited.then((message) => log(`${message}; the tests running now will fail`));
  log(`jest runs against Postgres ${maskUrl(infra.databaseUrl)} and NATS ${maskUrl(infra.natsUrl)}`);
  try {
    return await runCommand(npx, ['jest', ...process.argv.slice(2)], {
      env: { ...process.env, DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl },
    });
  } finally {
    await infra.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(err instanceof InfraError ? err.message : err.stack);
    process.exit(1);
  },
);
