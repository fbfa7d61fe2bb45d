import 'reflect-metadata';
import { loadConfig, requireDependencies } from './infra/config/env.js';
import { runEntry, serveProcess } from './runtime/process.js';

// The production entry (the Docker image's command): MongoDB and the provider are given by
// MONGODB_URI and PROVIDER_URL. `npm start` runs src/demo.ts, which can start both itself.
await runEntry(async () => {
  const config = requireDependencies(loadConfig());
  await serveProcess(config, async () => ({
    mongodbUri: config.mongodbUri,
    providerUrl: config.providerUrl,
    stops: [],
  }));
});
