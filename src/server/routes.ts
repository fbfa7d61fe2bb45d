import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Registry } from 'prom-client';
import { HealthStatus } from '../domain/health/health.service.js';
import type { Services } from '../schema/context.js';
import { clientAddress } from './caller-gate.js';
import { refusalPause } from './request-budget.js';
import { WEB_ASSET_PATH, webAssetsRouter, webPage } from './web-pages.js';

/** What a /metrics scrape spends of its address's budget (AddressBudget). */
const SCRAPE_COST = 10;

/** The largest HTTP body, and the largest WebSocket message. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * /health (every dependency: 503 when any fails), /health/live (the process answers: for
 * restarts), /health/ready (MongoDB answers: for load balancers; a provider outage stops
 * ingestion, not reads, so it leaves a replica ready and is reported), /metrics, and
 * GraphiQL for browsers that GET the GraphQL path, and the example dashboard at /dashboard.
 */
export function mountSideRoutes(
  app: Express,
  options: {
    graphqlPath: string;
    services: Services;
    metrics: Registry;
    proxyHops: number;
    webDir: string;
  },
): void {
  const { services, metrics, graphqlPath, webDir } = options;
  app.get('/health', async (_req, res) => {
    const health = await services.health.check();
    res.status(health.status === HealthStatus.OK ? 200 : 503).json(health);
  });
  app.get('/health/live', (_req, res) => {
    res.json({ status: HealthStatus.OK });
  });
  app.get('/health/ready', async (_req, res) => {
    const health = await services.health.check();
    res.status(health.status === HealthStatus.DOWN ? 503 : 200).json(health);
  });
  // Open to scrapers without a key, so each address is budgeted: a scrape every 15 s is
  // nothing, a scrape loop is refused (429) after a few, each refusal held like the
  // gateway's others, so the loop asks about once a second.
  app.get('/metrics', async (req, res) => {
    const charge = services.anonymous.take(clientAddress(req, options.proxyHops), SCRAPE_COST);
    if (!charge.ok) {
      await refusalPause(charge);
      const retryAfter = Math.max(1, Math.ceil((charge.retryAfterMs ?? 1000) / 1000));
      res.status(429).set('retry-after', String(retryAfter)).type('text').send(charge.message);
      return;
    }
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  app.use(WEB_ASSET_PATH, webAssetsRouter(webDir));
  app.get('/dashboard', webPage(webDir, 'dashboard'));
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  const graphiql = webPage(webDir, 'graphiql');
  app.get(graphqlPath, (req, res, next) => {
    const accepted = req.accepts([
      'application/json',
      'application/graphql-response+json',
      'text/html',
    ]);
    if (accepted !== 'text/html') return next();
    graphiql(req, res, next);
  });
}

export const jsonBody = () => express.json({ limit: MAX_BODY_BYTES });

/** Malformed JSON and oversized bodies get a GraphQL-shaped error with a stable code. */
export const bodyErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (res.headersSent || status >= 500) return next(error);
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const message =
    status === 413 ? 'The request body exceeds 1 MB.' : 'The request body is not valid JSON.';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
