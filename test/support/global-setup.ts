import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/dev/embedded-mongo.js';
import { setup as prepareModel } from './model-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A running embedded engine shared by all test files; each file uses its own database. */
    mongoUri: string;
  }
}

let engine: EmbeddedMongo | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Process-level tests run the compiled gateway exactly as `npm start` does, and every
  // gateway serves the bundled browser pages.
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  await prepareModel();
  engine = await startEmbeddedMongo();
  project.provide('mongoUri', engine.uri);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
