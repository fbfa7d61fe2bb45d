import { once } from 'node:events';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Principal } from '../domain/auth/principal.js';
import {
  operationError,
  PARSE_OPTIONS,
  resolveOperation,
  validationRules,
  variableErrors,
} from '../schema/request-rules.js';
import type { RequestContexts } from './request-context.js';
import { wsSessions } from './ws-sessions.js';
import { MAX_BODY_BYTES } from './routes.js';

const CLOSE_GRACE_MS = 2000;

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Errors get the public shape they have over HTTP (one formatter); the HTTP status hint
 * means nothing on a socket.
 */
function publicError(error: GraphQLError, formatError: FormatError, code?: string): GraphQLError {
  const source = code === undefined ? error : withCode(error, code);
  const { message, path, extensions } = formatError(source.toJSON(), source);
  const { http, ...rest } = extensions ?? {};
  return new GraphQLError(message, { path, extensions: rest });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code },
  });
}

/**
 * What HTTP checks before executing, in its order and with its rules: parse, validate,
 * resolve the operation, list lengths and cost, coerce variables. Errors, or the document.
 */
function checkRequest(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  introspection: boolean,
): { document: DocumentNode } | { errors: readonly GraphQLError[]; code?: string } {
  let document: DocumentNode;
  try {
    document = parse(payload.query, PARSE_OPTIONS);
  } catch (error) {
    return { errors: [error as GraphQLError], code: 'GRAPHQL_PARSE_FAILED' };
  }
  const rules = [...specifiedRules, ...validationRules(introspection)];
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) return { errors: invalid, code: 'GRAPHQL_VALIDATION_FAILED' };
  const operation = resolveOperation(document, payload.operationName);
  if (operation instanceof GraphQLError) return { errors: [operation] };
  const refused = operationError(schema, document, operation, payload.variables);
  if (refused !== null) return { errors: [refused] };
  const badVariables = variableErrors(schema, operation, payload.variables);
  return badVariables.length > 0 ? { errors: badVariables } : { document };
}

/**
 * graphql-ws on the HTTP server's /graphql: the API key comes with connection_init (a bad
 * one closes the socket with 4403), every subscribe passes the HTTP rules and runs with a
 * fresh context. A bad operation is answered on its own id; the socket and its other
 * subscriptions live on.
 */
export function attachWebSocket(options: {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  introspection: boolean;
  contexts: RequestContexts;
  formatError: FormatError;
  logger: Logger;
}) {
  const { schema, contexts, formatError } = options;
  // A message larger than an HTTP body closes the socket (1009) before it is buffered whole,
  // authenticated or not.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: MAX_BODY_BYTES,
  });
  const format = (error: GraphQLError) => publicError(error, formatError);
  const sessions = wsSessions({ activeKeyIds: contexts.activeKeyIds, logger: options.logger });
  const cleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const principal = await contexts.authenticate(
            typeof authorization === 'string' ? authorization : undefined,
          );
          if (principal === null) return false;
          ctx.extra.principal = principal;
          sessions.open(ctx.extra.socket, principal);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { principal } = ctx.extra;
        if (principal !== undefined && !(await sessions.mayRun(ctx.extra.socket, principal)))
          return [
            new GraphQLError('The API key was revoked.', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        const checked = checkRequest(schema, payload, options.introspection);
        if ('errors' in checked)
          return checked.errors.map((error) => publicError(error, formatError, checked.code));
        return {
          schema,
          document: checked.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: contexts.create(ctx.extra.principal ?? null),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const { errors } = result as ExecutionResult;
        return errors === undefined ? result : { ...result, errors: errors.map(format) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
    },
    wsServer,
  );

  return {
    /** Sends 1001 to every client and waits (boundedly) for the close handshakes. */
    async close(): Promise<void> {
      sessions.stop();
      const clients = [...wsServer.clients];
      await cleanup.dispose();
      const closed = clients.map((client) =>
        client.readyState === client.CLOSED
          ? Promise.resolve()
          : once(client, 'close').then(() => undefined),
      );
      await Promise.race([Promise.all(closed), sleep(CLOSE_GRACE_MS)]);
      for (const client of clients) client.terminate();
    },
  };
}
