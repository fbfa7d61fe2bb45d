import { createServer, type Server } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
} from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Logger } from 'pino';
import { TrustedDocuments } from './trusted-documents.js';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Registry } from 'prom-client';
import type { Services } from '../schema/context.js';
import { buildGatewaySchema } from '../resolvers/gateway-schema.js';
import { createErrorFormatter } from '../schema/error-formatting.js';
import { createApollo } from './apollo.js';
import { callerGate, clientAddress, gatedCaller } from './caller-gate.js';
import { requestContexts } from './request-context.js';
import { bodyErrorHandler, jsonBody, mountSideRoutes } from './routes.js';
import { secureHeaders } from './web-pages.js';
import { attachWebSocket } from './websocket.js';

export const GRAPHQL_PATH = '/graphql';

export interface Gateway {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  httpServer: Server;
  /** WebSocket clients get 1001, HTTP stops accepting and finishes in-flight requests. */
  stop(): Promise<void>;
}

/** The port is taken (another gateway, often a second `npm start`): an operator's fix. */
export class PortInUseError extends Error {
  constructor(at: { port: number; host: string }) {
    super(
      `Port ${at.port} on ${at.host} is already in use (another gateway?): stop that process or set PORT to a free port.`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails fast, before anything is started, when the port is taken: binds it for a moment.
 * (A failure at the real listen would come after the engine and the runtime started, and
 * the WebSocket server would print it with a stack.)
 */
export async function ensurePortFree(at: { port: number; host: string }): Promise<void> {
  if (at.port === 0) return;
  const probe = createNetServer();
  await bind(probe, at);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Listens on the port; a taken one rejects as PortInUseError. */
function bind(server: NetServer, at: { port: number; host: string }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(at) : error),
    );
    server.listen(at.port, at.host, () => resolve());
  });
}

/** Listens, and names the URLs clients use (localhost when listening on every interface). */
async function listen(httpServer: Server, at: { port: number; host: string }) {
  await bind(httpServer, at);
  const { port } = httpServer.address() as AddressInfo;
  const host = at.host === '0.0.0.0' || at.host === '::' ? 'localhost' : at.host;
  const url = `http://${host}:${port}`;
  return { url, graphqlUrl: `${url}${GRAPHQL_PATH}`, wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}` };
}

/** What the transport is told (the runtime reads it from the environment). */
export interface TransportSettings {
  port: number;
  host: string;
  /** Proxies in front that append to X-Forwarded-For: the client is the address before them. */
  trustProxyHops: number;
  nodeEnv: 'development' | 'production' | 'test';
  introspection: boolean;
  errorStackTraces: boolean;
  /** The trusted-documents manifest (operations by SHA-256), if any. */
  trustedDocumentsFile: string | undefined;
  /** The bundled browser pages (GraphiQL, the dashboard). */
  webDir: string;
}

/** What the transport serves and reports to: the services, and the metrics it feeds. */
export interface TransportRuntime {
  services: Services;
  metrics: Registry;
  telemetry: {
    httpMiddleware: express.RequestHandler;
    apolloPlugin: ApolloServerPlugin;
    errorAnswered: (code: string) => void;
  };
}

/** The transport: one HTTP server with GraphQL over HTTP and WebSocket, GraphiQL, health and metrics. */
export async function startGateway(options: {
  config: TransportSettings;
  runtime: TransportRuntime;
  logger: Logger;
}): Promise<Gateway> {
  const { config, runtime, logger } = options;
  const { services, telemetry } = runtime;
  const development = config.nodeEnv === 'development';
  const schema = await buildGatewaySchema();
  const formatError = createErrorFormatter({
    development,
    onUnexpected: (error) => logger.error({ err: error }, 'unexpected GraphQL error'),
    onAnswered: telemetry.errorAnswered,
    isDatabaseUnavailable: (error) => services.database.isOutage(error),
    onDatabaseUnavailable: () => services.database.reportUnavailable(),
  });
  const contexts = requestContexts(services, logger);
  const app = express();
  app.disable('x-powered-by');
  app.use(telemetry.httpMiddleware);
  app.use(secureHeaders());
  const httpServer = createServer(app);
  const { introspection } = config;
  const trusted = TrustedDocuments.load(config.trustedDocumentsFile);
  const sockets = attachWebSocket({
    trusted,
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    introspection,
    contexts,
    formatError,
    logger,
    proxyHops: config.trustProxyHops,
  });
  const apollo = createApollo({
    trusted,
    schema,
    httpServer,
    introspection,
    development,
    stackTraces: config.errorStackTraces,
    formatError,
    telemetryPlugin: telemetry.apolloPlugin,
  });
  await apollo.start();
  mountSideRoutes(app, {
    graphqlPath: GRAPHQL_PATH,
    services,
    metrics: runtime.metrics,
    proxyHops: config.trustProxyHops,
    webDir: config.webDir,
  });
  const context = async ({ req, res }: { req: express.Request; res: express.Response }) => {
    const gated = gatedCaller(res.locals);
    if ('error' in gated) throw gated.error;
    return contexts.create(gated.principal, clientAddress(req, config.trustProxyHops));
  };
  app.use(
    GRAPHQL_PATH,
    callerGate(contexts, formatError, config.trustProxyHops),
    jsonBody(),
    expressMiddleware(apollo, { context }),
  );
  app.use(bodyErrorHandler);

  return {
    ...(await listen(httpServer, config)),
    httpServer,
    async stop() {
      await sockets.close();
      await apollo.stop();
    },
  };
}
