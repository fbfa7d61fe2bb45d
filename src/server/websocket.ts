import { once } from 'node:events';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  execute,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Principal } from '../domain/auth/principal.js';
import {
  checkOperation,
  PARSE_OPTIONS,
  resolveOperation,
  validationRules,
  variableErrors,
} from '../schema/request-rules.js';
import type { GatewayContext } from '../schema/context.js';
import { databaseUnavailable, type RequestContexts } from './request-context.js';
import { publicError, withCode, type FormatError } from './public-error.js';
import { chargeOperation, costExtension, refundIfRefused } from './request-budget.js';
import { clientAddress } from './caller-gate.js';
import { TOO_MANY_SOCKETS_CLOSE, WS_LIMITS, wsSessions } from './ws-sessions.js';
import { MAX_BODY_BYTES } from './routes.js';
import { unknownDocument, untrustedDocument, type TrustedDocuments } from './trusted-documents.js';

const CLOSE_GRACE_MS = 2000;
/** The WebSocket code for "try again later". */
export const DATABASE_DOWN_CLOSE = {
  code: 1013,
  reason: 'The database is unavailable; reconnect later',
};

/**
 * A subscribe by a trusted document's id (an empty query and
 * extensions.persistedQuery.sha256Hash, as over HTTP) gets the document; a key limited to
 * trusted documents runs nothing else.
 */
function trustedPayload(
  trusted: TrustedDocuments,
  payload: SubscribePayload,
  principal: Principal | undefined,
): SubscribePayload | GraphQLError {
  const persisted = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash;
  let resolved = payload;
  if (payload.query === '' && typeof persisted === 'string') {
    const query = trusted.document(persisted);
    if (query === undefined) return unknownDocument();
    resolved = { ...payload, query };
  }
  if (principal?.trustedDocumentsOnly === true && !trusted.trusts(resolved.query))
    return untrustedDocument();
  return resolved;
}

/** graphql-ws's code for "unauthorized"; its clients do not retry it. */
const NO_KEY_CLOSE = {
  code: 4401,
  reason: 'No API key: send connectionParams { authorization: "Bearer <key>" }',
};

/** A WebSocket close reason holds at most 123 bytes. */
const closeReason = (message: string) =>
  Buffer.byteLength(message) <= 123 ? message : `${message.slice(0, 119)}…`;

/**
 * Why a connection was refused, as its close says it: the key's problem (4401, with the
 * message HTTP would answer), a spent address (4029, in seconds), the database (1013).
 */
function refusedConnectionClose(error: unknown): { code: number; reason: string } {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (code === 'UNAUTHENTICATED')
    return { code: 4401, reason: closeReason((error as GraphQLError).message) };
  if (code === 'RATE_LIMITED')
    return {
      code: 4029,
      reason: closeReason(
        `Too many failed authentications from this address; retry in ${String((error as GraphQLError).extensions.retryAfter ?? 1)} s`,
      ),
    };
  if (code === 'SERVICE_UNAVAILABLE') return DATABASE_DOWN_CLOSE;
  return { code: 1011, reason: 'The key could not be checked; reconnect later' };
}

/**
 * What HTTP checks before executing, in its order and with its rules: parse, validate,
 * resolve the operation, list lengths and cost, coerce variables. Errors, or the document.
 */
function checkRequest(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  introspection: boolean,
):
  | { document: DocumentNode; cost: number; isSubscription: boolean }
  | { errors: readonly GraphQLError[]; code?: string } {
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
  const checked = checkOperation(schema, document, operation, payload.variables);
  if ('error' in checked) return { errors: [checked.error] };
  const badVariables = variableErrors(schema, operation, payload.variables);
  if (badVariables.length > 0) return { errors: badVariables };
  return { document, cost: checked.cost, isSubscription: operation.operation === 'subscription' };
}

/**
 * graphql-ws on the HTTP server's /graphql: the API key comes with connection_init (a bad
 * one closes the socket with 4403), every subscribe passes the HTTP rules and runs with a
 * fresh context. A bad operation is answered on its own id; the socket and its other
 * subscriptions live on.
 */
export function attachWebSocket(options: {
  trusted: TrustedDocuments;
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  introspection: boolean;
  contexts: RequestContexts;
  formatError: FormatError;
  logger: Logger;
  proxyHops: number;
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
  // What frees each running query's or mutation's concurrency slot once it has executed.
  const releases = new WeakMap<GatewayContext, () => void>();
  // Each subscription's cost, and the updates it has sent.
  const updates = new WeakMap<GatewayContext, { cost: number; sent: number }>();
  /**
   * Every update after a subscription's first is charged its cost again, as the query it
   * answers would be: a key out of budget gets RATE_LIMITED on that update instead of the
   * figures (told, not silently starved), and figures again once its budget refills.
   */
  const chargeUpdate = async (context: GatewayContext): Promise<GraphQLError | null> => {
    const subscription = updates.get(context);
    if (subscription === undefined) return null;
    subscription.sent += 1;
    if (subscription.sent === 1) return null;
    try {
      await chargeOperation(context, subscription.cost, { slot: false });
      return null;
    } catch (error) {
      if (error instanceof GraphQLError) return error;
      throw error;
    }
  };
  const cleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema,
      onConnect: async (ctx) => {
        if (contexts.databaseDown()) {
          ctx.extra.socket.close(DATABASE_DOWN_CLOSE.code, DATABASE_DOWN_CLOSE.reason);
          return false;
        }
        const authorization = ctx.connectionParams?.authorization;
        if (typeof authorization !== 'string' || authorization === '') {
          ctx.extra.socket.close(NO_KEY_CLOSE.code, NO_KEY_CLOSE.reason);
          return false;
        }
        try {
          const principal = await contexts.authenticate(
            authorization,
            clientAddress(ctx.extra.request, options.proxyHops),
          );
          if (principal === null) return false;
          if (!sessions.open(ctx.extra.socket, principal)) {
            ctx.extra.socket.close(TOO_MANY_SOCKETS_CLOSE.code, TOO_MANY_SOCKETS_CLOSE.reason);
            return false;
          }
          ctx.extra.principal = principal;
          return true;
        } catch (error) {
          const close = refusedConnectionClose(error);
          ctx.extra.socket.close(close.code, close.reason);
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const { principal } = ctx.extra;
        if (contexts.databaseDown()) return [databaseUnavailable()];
        if (principal !== undefined && !(await sessions.mayRun(ctx.extra.socket, principal)))
          return [
            new GraphQLError('The API key was revoked.', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        const trustedQuery = trustedPayload(options.trusted, payload, ctx.extra.principal);
        if (trustedQuery instanceof GraphQLError) return [trustedQuery];
        const checked = checkRequest(schema, trustedQuery, options.introspection);
        if ('errors' in checked)
          return checked.errors.map((error) => withCode(error, checked.code));
        if (checked.isSubscription && !sessions.startSubscription(ctx.extra.socket, id))
          return [
            new GraphQLError(
              `This API key already runs ${WS_LIMITS.subscriptionsPerKey} subscriptions on this replica (the most it may); complete one first.`,
              { extensions: { code: 'RATE_LIMITED', reason: 'SUBSCRIPTIONS' } },
            ),
          ];
        const contextValue = contexts.create(
          ctx.extra.principal ?? null,
          clientAddress(ctx.extra.request, options.proxyHops),
        );
        try {
          // A subscription is charged at its start, then for every later update (see
          // onNext); it holds no concurrency slot.
          const release = await chargeOperation(contextValue, checked.cost, {
            slot: !checked.isSubscription,
          });
          if (checked.isSubscription) updates.set(contextValue, { cost: checked.cost, sent: 0 });
          else releases.set(contextValue, release);
        } catch (error) {
          const refusal =
            error instanceof GraphQLError
              ? error
              : new GraphQLError('The budget could not be checked.', {
                  originalError: error as Error,
                });
          return [refusal];
        }
        return {
          schema,
          document: checked.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      execute: async (args: ExecutionArgs) => {
        const context = args.contextValue as GatewayContext;
        try {
          const result = await execute(args);
          await refundIfRefused(context, result as ExecutionResult);
          return result;
        } finally {
          releases.get(context)?.();
        }
      },
      onNext: async (_ctx, _id, _payload, args, result) => {
        const context = args.contextValue as GatewayContext;
        const refused = await chargeUpdate(context);
        if (refused !== null) return { errors: [format(refused)] };
        const { errors, extensions } = result as ExecutionResult;
        const { budget } = context;
        return {
          ...result,
          ...(errors === undefined ? {} : { errors: errors.map(format) }),
          ...(budget === undefined
            ? {}
            : { extensions: { ...extensions, cost: costExtension(budget) } }),
        };
      },
      onComplete: (ctx, id) => sessions.endSubscription(ctx.extra.socket, id),
      // Errors answered before execution (onSubscribe's) and during it get their public
      // shape here, once each.
      onError: (ctx, id, _payload, errors) => {
        sessions.endSubscription(ctx.extra.socket, id);
        return errors.map(format);
      },
    },
    wsServer,
  );

  // Live subscriptions cannot go on without the database: their sockets are closed with
  // 1013 (try again later), which graphql-ws clients report as an error and retry.
  const stopWatching = contexts.onDatabaseChange((down) => {
    if (!down) return;
    for (const client of wsServer.clients)
      client.close(DATABASE_DOWN_CLOSE.code, DATABASE_DOWN_CLOSE.reason);
  });

  return {
    /** Sends 1001 to every client and waits (boundedly) for the close handshakes. */
    async close(): Promise<void> {
      stopWatching();
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
