import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { ensureStaticModel } from '../../src/infra/classification/model-store.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/infra/mongo/embedded-mongo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A running embedded engine shared by all test files; each file uses its own database. */
    mongoUri: string;
  }
}

let engine: EmbeddedMongo | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Process-level tests run the compiled gateway exactly as `npm start` does.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The classifier's model is built once per checkout (about 20 s the first time).
  await ensureStaticModel(undefined, (line) => console.log(line));
  engine = await startEmbeddedMongo();
  project.provide('mongoUri', engine.uri);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
