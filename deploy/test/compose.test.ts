// docker-compose.yml must stay valid: `docker-compose config -q` parses it, resolves anchors,
// variables with defaults and build contexts, and checks it against the Compose schema.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const available = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

(available ? test : test.skip)(
  available
    ? 'docker-compose -f docker-compose.yml config -q passes'
    : 'docker-compose -f docker-compose.yml config -q (SKIPPED: docker-compose is not installed; apt-get install docker-compose)',
  () => {
    const r = spawnSync('docker-compose', ['-f', join(repoRoot, 'docker-compose.yml'), 'config', '-q'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  },
);
