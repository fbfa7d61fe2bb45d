import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { sharedMongoUri, uniqueDatabaseName } from './databases.js';
import { postGraphQL, type GraphQLResponse } from './gateway.js';
import { startEntry, type EntryProcess } from './entry-process.js';

export interface MainProcess extends EntryProcess {
  /** GraphQL over HTTP against this process, with the given key. */
  graphql<T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V>,
    variables: V,
    key: string,
  ): Promise<GraphQLResponse<T>>;
}

/** startEntry, with typed GraphQL against the process. */
export async function startMainProcess(
  env: Record<string, string>,
  options: { entry?: 'main' | 'demo'; timeoutMs?: number } = {},
): Promise<MainProcess> {
  const started = await startEntry(env, options);
  return {
    ...started,
    graphql: (document, variables, key) =>
      postGraphQL(`${started.url}/graphql`, print(document), variables, key),
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
