import { mockConfigFromEnv } from './config.js';
import { startMockProvider } from './server.js';

const config = mockConfigFromEnv();
const mock = await startMockProvider(config);
console.log(
  `Mock ticket provider on ${mock.url} (tickets=${config.tickets}, seed=${config.seed}, ` +
    `rate limit=${config.rateLimit === 0 ? 'unlimited' : `${config.rateLimit}/${config.rateWindowMs / 1000}s`})`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void mock.close().then(() => process.exit(0));
  });
}
