// Every service process runs with the same Node flags (ADR 62: an 8 MB young-generation semi-space):
// the image's CMD (compose and the chart run the image), `npm start` and the tests' service processes.
// The benches measure what production runs only while the three agree.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVICE_NODE_FLAGS } from '@homi/testing';

const repoRoot = resolve(__dirname, '../..');

test("the image's CMD runs the service with the tests' flags", () => {
  const cmd = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').split('\n').filter((l) => l.startsWith('CMD '));
  expect(cmd).toHaveLength(1);
  expect(JSON.parse(cmd[0]!.slice(4))).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/main.js']);
});

test("npm start's flags are the tests' flags", async () => {
  const common = (await import(pathToFileURL(join(repoRoot, 'scripts/common.mjs')).href)) as { SERVICE_NODE_FLAGS: string[] };
  expect(common.SERVICE_NODE_FLAGS).toEqual([...SERVICE_NODE_FLAGS]);
  expect(readFileSync(join(repoRoot, 'scripts/start.mjs'), 'utf8')).toContain("args: [...SERVICE_NODE_FLAGS, '--import'");
});

test('the flags are ones Node accepts, and they bound the young generation', () => {
  // Many short-lived objects with a window of survivors: V8 grows the new space as far as it may
  // (64 MB here without the flag), and with it to two 8 MB semi-spaces at most.
  const grow = `const v8 = require('v8'); let max = 0; const ring = new Array(50000);
    for (let i = 0; i < 3e6; i++) { ring[i % ring.length] = { i, s: 'x' + i };
      if (i % 10000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }
    console.log(max);`;
  const run = spawnSync(process.execPath, [...SERVICE_NODE_FLAGS, '-e', grow], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(Number(run.stdout.trim())).toBeGreaterThan(0);
  expect(Number(run.stdout.trim())).toBeLessThanOrEqual(16 * 1024 * 1024);
});
