import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The page is mounted at `/playground/` by the gateway; the dev server proxies the API to a local gateway. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/page/', import.meta.url)),
  base: '/playground/',
  build: {
    outDir: fileURLToPath(new URL('./dist/public/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/v1': process.env['REELAY_GATEWAY_URL'] ?? 'http://127.0.0.1:3000' },
  },
});
