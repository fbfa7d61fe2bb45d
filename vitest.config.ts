import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/support/summary-reporter.js';

const require = createRequire(import.meta.url);

// SWC (not esbuild) compiles the tests so that type-graphql and typegoose get the
// decorator metadata they read at run time.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // graphql 16 ships index.mjs and index.js; Node loads index.js for everyone, but Vite
  // would give the tests index.mjs: a second copy whose classes fail instanceof checks.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        // Pure code and in-memory fakes of the ports: no JVM, no build, seconds.
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'mock-external-api/test/units.test.ts',
            'test/unit/**/*.test.ts',
            'test/schema/**/*.test.ts',
            'test/deploy/**/*.test.ts',
          ],
          globalSetup: ['test/support/model-setup.ts'],
        },
      },
      {
        // Real servers over HTTP and WebSocket, the embedded engine, the mock provider.
        extends: true,
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/faults/**/*.test.ts',
            'test/security/**/*.test.ts',
            'mock-external-api/test/mock-provider.test.ts',
          ],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
