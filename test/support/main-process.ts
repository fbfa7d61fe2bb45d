import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { projectRoot } from '../../src/infra/system/project-root.js';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { sharedMongoUri, uniqueDatabaseName } from './databases.js';
import { postGraphQL, type GraphQLResponse } from './gateway.js';

export interface MainProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  /** GraphQL over HTTP against this process, with the given key. */
  graphql<T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V>,
    variables: V,
    key: string,
  ): Promise<GraphQLResponse<T>>;
  /** Resolves with the exit code when the process exits. */
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs a compiled entry point and waits until it serves: `main` is the production entry
 * (MONGODB_URI and PROVIDER_URL required), `demo` is what `npm start` runs.
 */
export async function startMainProcess(
  env: Record<string, string>,
  options: { entry?: 'main' | 'demo'; timeoutMs?: number } = {},
): Promise<MainProcess> {
  const { entry = 'main', timeoutMs = 60_000 } = options;
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(projectRoot(), `dist/src/${entry}.js`)], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      MOCK_PORT: '0',
      // The demo's data and kept key in a directory of this start alone, unless asked.
      DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'tgw-demo-')),
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway did not start:\n${output.join('\n')}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (line.includes('GraphiQL:')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const url = `http://localhost:${port}`;
  return {
    child,
    url,
    output,
    graphql: (document, variables, key) =>
      postGraphQL(`${url}/graphql`, print(document), variables, key),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Registers tenants through the API, as an admin does on a fresh deployment. */
export async function registerTenants(
  url: string,
  adminKey: string,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids) {
    const { body } = await postGraphQL<{ registerTenant: { userErrors: unknown[] } }>(
      `${url}/graphql`,
      'mutation ($id: String!) { registerTenant(input: { id: $id }) { userErrors { message } } }',
      { id },
      adminKey,
    );
    if (body.errors || body.data?.registerTenant.userErrors.length)
      throw new Error(`registerTenant ${id}: ${JSON.stringify(body)}`);
  }
}

export interface ReplicaPair {
  mock: MockProvider;
  dbName: string;
  a: MainProcess;
  b: MainProcess;
  stop(): Promise<void>;
}

/** Two gateway processes on one database (the shared engine) and one mock: two replicas. */
export async function startReplicaPair(options: {
  label: string;
  adminKey: string;
  mock: Partial<MockConfig>;
  env?: Record<string, string>;
}): Promise<ReplicaPair> {
  const mock = await startTestMock(options.mock);
  const dbName = uniqueDatabaseName(options.label);
  const env = {
    MONGODB_URI: sharedMongoUri(),
    MONGODB_DB: dbName,
    PROVIDER_URL: mock.url,
    ADMIN_API_KEY: options.adminKey,
    PROVIDER_RATE_LIMIT: '0',
    // Alert delivery only where a test asks for it, so /notify calls never mix into others' figures.
    NOTIFICATIONS_ENABLED: 'false',
    ...options.env,
  };
  const [a, b] = await Promise.all([startMainProcess(env), startMainProcess(env)]);
  await registerTenants(a.url, options.adminKey, SEED_TENANTS);
  return {
    mock,
    dbName,
    a,
    b,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await mock.close();
    },
  };
}
