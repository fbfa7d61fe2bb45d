import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The browser pages the gateway serves from its own files (no CDN): GraphiQL and the example
 * dashboard, built into dist/web and served under /web/ (see src/server/web-pages.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/web/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: {
        graphiql: 'src/web/graphiql/index.html',
        dashboard: 'src/web/dashboard/index.html',
      },
      // GraphiQL's dependencies mark React server-component boundaries, which a browser
      // bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
