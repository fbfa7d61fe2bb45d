import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/infra/mongo/embedded-mongo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A running embedded engine shared by all test files; each file uses its own database. */
    mongoUri: string;
  }
}

let engine: EmbeddedMongo | undefined;

export async function setup(project: TestProject): Promise<void> {
  engine = await startEmbeddedMongo();
  project.provide('mongoUri', engine.uri);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
