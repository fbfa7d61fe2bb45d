import type { MockConfig } from '../../mock-external-api/src/config.js';
import type { EnvSource } from '../../src/infra/config/env.js';
import { sharedMongoUri, uniqueDatabaseName } from './databases.js';
import { startStack, type GraphQLResponse, type Stack } from './stack.js';

export { postGraphQL, type GraphQLResponse } from './stack.js';

export type TestGateway = Stack;

/** A real gateway on a free port, with its own database on the shared engine and its own mock. */
export function startTestGateway(options: {
  label: string;
  mongoUri?: string;
  mock?: Partial<MockConfig>;
  env?: EnvSource;
  tenants?: readonly string[];
}): Promise<TestGateway> {
  return startStack({
    mongoUri: options.mongoUri ?? sharedMongoUri(),
    dbName: uniqueDatabaseName(options.label),
    env: { NODE_ENV: 'test', PROVIDER_TIMEOUT_MS: '5000', ...options.env },
    mock: options.mock,
    tenants: options.tenants,
    logLevel: process.env.TEST_LOG_LEVEL,
  });
}

export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
