// Preloaded (node --import) into the processes `npm start` runs, with HOMI_STOP_WITH_PARENT=1
// and stdin a pipe from `npm start`. When that process dies without stopping them (kill -9, a
// crash), the pipe closes and the process sends itself SIGTERM, running its own graceful shutdown.
if (process.env.HOMI_STOP_WITH_PARENT === '1') {
  delete process.env.HOMI_STOP_WITH_PARENT; // not inherited by the process's own children
  process.stdin.on('error', () => undefined);
  process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  process.stdin.unref?.(); // never the reason the process stays alive
}
