import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './gql/graphql.js';

/** A GraphQL error as the gateway answers it: `extensions.code` says what went wrong. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * A small typed client for ticket-gateway: `request` for queries and mutations over HTTP,
 * `subscribe` for subscriptions over graphql-ws. Results and variables are typed by the
 * documents the client preset generated.
 */
export function gatewayClient(options: {
  url: string;
  key: string;
  /** Browsers have WebSocket; on Node 20 pass the `ws` package's. */
  webSocketImpl?: unknown;
}) {
  let socket: Client | null = null;
  const ws = () =>
    (socket ??= createClient({
      url: options.url.replace(/^http/, 'ws'),
      connectionParams: { authorization: `Bearer ${options.key}` },
      ...(options.webSocketImpl === undefined ? {} : { webSocketImpl: options.webSocketImpl }),
    }));

  return {
    async request<T, V>(document: TypedDocumentString<T, V>, variables: V): Promise<T> {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.key}`,
        },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
      const answer = (await response.json()) as Answer<T>;
      const error = answer.errors?.[0];
      if (error !== undefined) throw new GatewayError(error.message, error.extensions?.code);
      return answer.data!;
    },

    /** Calls `onData` for every result until `stop()` (or the server completes). */
    subscribe<T, V>(
      document: TypedDocumentString<T, V>,
      variables: V,
      onData: (data: T) => void,
    ): { stop: () => void; done: Promise<void> } {
      let stop = () => {};
      const done = new Promise<void>((resolve, reject) => {
        stop = ws().subscribe<T>(
          { query: document.toString(), variables: variables as Record<string, unknown> },
          {
            next: (result) => {
              const error = result.errors?.[0];
              if (error !== undefined)
                reject(new GatewayError(error.message, error.extensions?.code as string));
              else onData(result.data as T);
            },
            error: reject,
            complete: resolve,
          },
        );
      });
      return { stop: () => stop(), done };
    },

    close: () => socket?.dispose(),
  };
}
