import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { secretFromAuthorization } from './domain/auth/api-key.service.js';
import type { Principal } from './domain/auth/principal.js';
import type { RunFeed } from './domain/ingestion/run-feed.js';
import { HealthStatus } from './domain/health/health.service.js';
import {
  DEFAULT_INGESTION_SETTINGS,
  DEFAULT_NOTIFICATION_SETTINGS,
  DEFAULT_PROVIDER_SETTINGS,
  type GatewayConfig,
} from './infra/config/env.js';
import { GRAPHIQL_ASSET_PATH, graphiqlAssetsRouter, graphiqlPage } from './infra/http/graphiql.js';
import { gatewayMetrics } from './infra/metrics/gateway-metrics.js';
import { createMetricsRegistry } from './infra/metrics/metrics.js';
import type { Database } from './infra/mongo/database.js';
import { buildGatewaySchema } from './schema/build-schema.js';
import type { GatewayContext, Services } from './schema/context.js';
import { createErrorFormatter, isDatabaseUnavailable } from './schema/error-formatting.js';
import { createLoaders } from './schema/loaders.js';
import { costError, LIMIT_VALIDATION_RULES, REQUEST_LIMITS } from './schema/request-limits.js';
import { requireAuthenticationPlugin } from './schema/require-authentication.plugin.js';
import { createServices } from './services.js';
import type { Classifier } from './domain/classification/classifier.js';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY = '1mb';
const WS_CLOSE_GRACE_MS = 2000;

export interface GatewayOptions {
  config: Pick<GatewayConfig, 'port' | 'host' | 'nodeEnv' | 'introspection'> &
    Partial<Pick<GatewayConfig, 'provider' | 'ingestion' | 'notifications'>>;
  db: Database;
  providerUrl: string;
  logger: Logger;
  classifier: Classifier;
}

export interface Gateway {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  services: Services;
  /** Live run subscriptions of this process (for diagnostics and metrics). */
  runFeed: RunFeed;
  httpServer: Server;
  stop(): Promise<void>;
}

function httpError(code: string, status: number, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/** Resolves the caller from `Bearer <key>`; no header means an anonymous caller. */
async function authenticate(
  services: Services,
  authorization: string | undefined,
): Promise<Principal | null> {
  if (authorization === undefined || authorization === '') return null;
  const secret = secretFromAuthorization(authorization);
  if (secret === undefined) {
    throw httpError('UNAUTHENTICATED', 401, "The Authorization header must be 'Bearer <API key>'.");
  }
  try {
    const principal = await services.apiKeys.authenticate(secret);
    if (principal === null) throw httpError('UNAUTHENTICATED', 401, 'Unknown or revoked API key.');
    return principal;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      throw httpError('SERVICE_UNAVAILABLE', 503, 'The database is unavailable; retry later.');
    }
    throw error;
  }
}

/** One HTTP server: GraphQL over HTTP and graphql-ws on /graphql, GraphiQL, /health, /metrics. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, db, logger } = options;
  const development = config.nodeEnv === 'development';
  const metrics = createMetricsRegistry();
  const telemetry = gatewayMetrics(metrics);
  telemetry.watchPool(db.connection.getClient());
  const notificationSettings = config.notifications ?? DEFAULT_NOTIFICATION_SETTINGS;
  const { runner, runFeed, dispatcher, ...services } = createServices({
    db,
    providerUrl: options.providerUrl,
    provider: config.provider ?? DEFAULT_PROVIDER_SETTINGS,
    ingestion: config.ingestion ?? DEFAULT_INGESTION_SETTINGS,
    notifications: notificationSettings,
    metrics,
    observers: { run: telemetry.run, provider: telemetry.provider },
    logger,
    classifier: options.classifier,
  });
  telemetry.watchCircuit(() => services.notificationCircuit.status());
  if (notificationSettings.enabled) dispatcher.start();
  // At start-up and then regularly: runs whose process died (or lost the database while
  // finishing) are finalised once their lock has lapsed.
  const recoverAbandoned = () =>
    services.ingestion
      .recoverAbandoned()
      .then((recovered) => {
        if (recovered > 0)
          logger.warn({ recovered }, 'finalised ingestion runs abandoned by a dead process');
      })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'recovering abandoned runs failed; will retry'),
      );
  await recoverAbandoned();
  const ingestionSettings = config.ingestion ?? DEFAULT_INGESTION_SETTINGS;
  const recovery = setInterval(() => void recoverAbandoned(), ingestionSettings.lockTtlMs / 2);
  recovery.unref();
  const schema = await buildGatewaySchema();
  const formatError = createErrorFormatter({
    development,
    onUnexpected: (error) => logger.error({ err: error }, 'unexpected GraphQL error'),
  });

  /** Sends 1001 to every WebSocket client and waits (boundedly) for the close handshakes. */
  async function closeWebSockets(): Promise<void> {
    const clients = [...wsServer.clients];
    await wsServerCleanup.dispose();
    const closed = clients.map((client) =>
      client.readyState === client.CLOSED
        ? Promise.resolve()
        : once(client, 'close').then(() => undefined),
    );
    await Promise.race([Promise.all(closed), sleep(WS_CLOSE_GRACE_MS)]);
    for (const client of clients) client.terminate();
  }

  /** A fresh context (and DataLoaders) for every HTTP request and every WebSocket subscribe. */
  function requestContext(principal: Principal | null): GatewayContext {
    const requestId = randomUUID();
    return {
      requestId,
      principal,
      services,
      loaders: createLoaders(services.tickets),
      // Who asked, never with what secret.
      logger: logger.child({
        requestId,
        tenantId: principal?.tenantId ?? null,
        keyName: principal?.keyName ?? null,
      }),
    };
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(telemetry.httpMiddleware);
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsServerCleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema,
      // Returning false closes the socket with 4403 Forbidden, as RUNTIME.md promises.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const principal = await authenticate(
            services,
            typeof authorization === 'string' ? authorization : undefined,
          );
          if (principal === null) return false;
          ctx.extra.principal = principal;
          return true;
        } catch {
          return false;
        }
      },
      // Parsed, validated and costed here with the limits of HTTP, then run with a fresh context.
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: REQUEST_LIMITS.maxTokens });
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const rules = [...specifiedRules, ...LIMIT_VALIDATION_RULES];
        if (!config.introspection) rules.push(NoSchemaIntrospectionCustomRule);
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0)
          return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const tooCostly = costError(
          schema,
          document,
          payload.variables ?? undefined,
          payload.operationName,
        );
        if (tooCostly !== null) return [reformat(tooCostly)];
        const contextValue = requestContext(ctx.extra.principal ?? null);
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
      onError: (_ctx, _id, _payload, errors) => errors.map(reformat),
    },
    wsServer,
  );
  // Errors over WebSocket get the same public shape as over HTTP.
  function formatResult(result: ExecutionResult): ExecutionResult {
    if (result.errors === undefined) return result;
    return { ...result, errors: result.errors.map(reformat) };
  }
  function withCode(error: GraphQLError, code: string): GraphQLError {
    return reformat(
      new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { ...error.extensions, code },
      }),
    );
  }
  function reformat(error: GraphQLError): GraphQLError {
    const formatted = formatError(error.toJSON(), error);
    return new GraphQLError(formatted.message, {
      path: formatted.path,
      extensions: formatted.extensions,
    });
  }

  const costLimitPlugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const error = costError(schema, document, request.variables, operationName);
          if (error !== null) throw error;
        },
      };
    },
  };

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    // The composition root owns shutdown order (Apollo's own handler re-raises the signal).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: development,
    formatError,
    validationRules: LIMIT_VALIDATION_RULES,
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requireAuthenticationPlugin,
      costLimitPlugin,
      telemetry.apolloPlugin as ApolloServerPlugin<GatewayContext>,
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    const health = await services.health.check();
    res.status(health.status === HealthStatus.OK ? 200 : 503).json(health);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  app.use(GRAPHIQL_ASSET_PATH, graphiqlAssetsRouter());
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.get(GRAPHQL_PATH, (req, res, next) => {
    if (
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !==
      'text/html'
    ) {
      return next();
    }
    res.type('html').send(graphiqlPage(GRAPHQL_PATH));
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        requestContext(await authenticate(services, req.headers.authorization)),
    }),
  );
  app.use(bodyErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}`,
    services,
    runFeed,
    httpServer,
    /**
     * Graceful stop: WebSocket clients are closed with 1001 (their subscriptions end), HTTP
     * stops accepting and in-flight requests finish (Apollo's drain, bounded), then running
     * ingestion runs end FAILED with a clear error and release their locks, and the
     * dispatcher finishes its calls in flight. The caller closes MongoDB afterwards.
     */
    async stop() {
      clearInterval(recovery);
      await closeWebSockets();
      runFeed.close();
      await apollo.stop();
      await runner.shutdown();
      await dispatcher.stop();
    },
  };
}

/** Malformed JSON and oversized bodies get a GraphQL-shaped error with a stable code. */
const bodyErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (res.headersSent || status >= 500) return next(error);
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const message =
    status === 413
      ? `The request body exceeds ${MAX_BODY}.`
      : 'The request body is not valid JSON.';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
