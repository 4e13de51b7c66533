import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));
// `npm run dev -w @homi/web` proxies the API and the runtime config to a running gateway (npm start).
const gateway = process.env.HOMI_GATEWAY_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // The request schemas the services validate with, compiled from their TypeScript source.
  resolve: { alias: { '@homi/contracts': contracts } },
  build: {
    manifest: true,
    sourcemap: false,
    // React, the router and the catalogs make one entry chunk above Vite's default warning; the real
    // budget is the sign-in page's gzip size (scripts/bundle-size.mjs).
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        'silent-callback': fileURLToPath(new URL('silent-callback.html', import.meta.url)),
      },
    },
  },
  server: { port: 5173, strictPort: true, proxy: { '/api': gateway, '/config.json': gateway } },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // A busy CI machine (two cores, the browser journeys beside) types and renders slowly: time
    // limits are for hangs, not for speed (speed lives in the benchmarks).
    testTimeout: 30_000,
    // Node 25+ has a Web Storage of its own that, without --localstorage-file, leaves `localStorage`
    // undefined and hides jsdom's: the component tests run with jsdom's, as a browser has it.
    execArgv: ['--no-experimental-webstorage'],
  },
});
