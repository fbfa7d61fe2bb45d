import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function wsClient(url: string, key: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });
}

/** Every result of one operation until it completes or errors; errors are returned, not thrown. */
export function collect<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  onResult?: (result: FormattedExecutionResult<T, unknown>) => void,
): Promise<{ results: FormattedExecutionResult<T, unknown>[]; error: unknown }> {
  return new Promise((resolve) => {
    const results: FormattedExecutionResult<T, unknown>[] = [];
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          results.push(result);
          onResult?.(result);
        },
        error: (error) => resolve({ results, error }),
        complete: () => resolve({ results, error: null }),
      },
    );
  });
}
