import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RunObserver } from '../../domain/ingestion/ingestion-runner.js';
import type { RollupObserver } from '../../domain/stats/rollup-ports.js';
import type { ProviderObserver } from '../provider/provider-client.js';
import { CircuitState, type CircuitStatus } from '../../domain/alerting/circuit.types.js';

const PREFIX = 'ticket_gateway_';
/** Distinct operation names given their own label; later ones count as "other". */
const MAX_OPERATION_LABELS = 50;
const MAX_LABEL_LENGTH = 64;
const KNOWN_METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/**
 * Label values as they come, up to `max` distinct ones, then "other": a label takes values
 * from callers, and every distinct value is a time series held for the process's life.
 */
function boundedLabels(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (value.length > MAX_LABEL_LENGTH) return 'other';
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP, GraphQL, ingestion, roll-up, provider, circuit and MongoDB pool metrics of one gateway. */
export function gatewayMetrics(registry: Registry) {
  const registers = [registry];
  const httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const operationDuration = new Histogram({
    name: `${PREFIX}graphql_operation_duration_seconds`,
    help: 'GraphQL operations over HTTP by operation name and type.',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const graphqlErrors = new Counter({
    name: `${PREFIX}graphql_errors_total`,
    help: 'GraphQL errors answered (HTTP and WebSocket), by their public extensions.code.',
    labelNames: ['code'],
    registers,
  });
  const runs = new Counter({
    name: `${PREFIX}ingestion_runs_total`,
    help: 'Ingestion runs finished by this process, by final status.',
    labelNames: ['status'],
    registers,
  });
  const tickets = new Counter({
    name: `${PREFIX}ingestion_tickets_total`,
    help: 'Tickets handled by ingestion, by outcome.',
    labelNames: ['outcome'],
    registers,
  });
  const providerCalls = new Counter({
    name: `${PREFIX}provider_calls_total`,
    help: 'Calls to the ticket provider, by endpoint and HTTP status ("error" when none came back).',
    labelNames: ['endpoint', 'status'],
    registers,
  });
  const rateLimitWaits = new Counter({
    name: `${PREFIX}provider_rate_limit_waits_total`,
    help: 'Waits for the shared provider budget ("budget") or after a 429 ("429").',
    labelNames: ['reason'],
    registers,
  });
  const statsRepairs = new Counter({
    name: `${PREFIX}stats_repairs_total`,
    help: 'Roll-up repairs: ops a dead writer left unfinished and were redone ("redo"), tenants whose roll-ups were rebuilt from their tickets ("rebuild").',
    labelNames: ['kind'],
    registers,
  });
  const poolInUse = new Gauge({
    name: `${PREFIX}mongodb_pool_connections_in_use`,
    help: 'MongoDB connections checked out of the pool right now.',
    registers,
  });

  const run: RunObserver = {
    runFinished: (status) => runs.inc({ status }),
    ticketsWritten: (counts) => {
      for (const [outcome, value] of Object.entries(counts))
        if (value > 0) tickets.inc({ outcome }, value);
    },
  };
  const rollups: RollupObserver = { repaired: (kind) => statsRepairs.inc({ kind }) };
  const provider: ProviderObserver = {
    called: (endpoint, status) => providerCalls.inc({ endpoint, status: String(status) }),
    waited: (reason) => rateLimitWaits.inc({ reason }),
  };

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const stop = httpDuration.startTimer({
      method: KNOWN_METHODS.has(req.method) ? req.method : 'other',
    });
    // The route's pattern, never the raw path: a path is whatever the client sends.
    res.on('finish', () =>
      stop({
        route: req.route?.path ?? (req.baseUrl || 'unmatched'),
        status: String(res.statusCode),
      }),
    );
    next();
  };

  const operationLabel = boundedLabels(MAX_OPERATION_LABELS);
  const apolloPlugin: ApolloServerPlugin<{ principal?: unknown }> = {
    async requestDidStart() {
      const stop = operationDuration.startTimer();
      return {
        async willSendResponse({ operation, contextValue }) {
          // Names of operations that ran for a key, as the document declares them (not the
          // request's operationName, which may name nothing), up to a bounded set.
          const name =
            contextValue.principal == null
              ? 'unauthenticated'
              : operation === undefined
                ? 'unresolved'
                : operationLabel(operation.name?.value ?? 'anonymous');
          stop({ operation: name, type: operation?.operation ?? 'unknown' });
        },
      };
    },
  };

  /** Counts connections in use from the driver's pool events. */
  function watchPool(client: ReturnType<Connection['getClient']>): void {
    client.on('connectionCheckedOut', () => poolInUse.inc());
    client.on('connectionCheckedIn', () => poolInUse.dec());
  }

  /** The circuit's state as a 0/1 gauge per state, read when scraped. */
  function watchCircuit(status: () => Promise<CircuitStatus>): void {
    new Gauge({
      name: `${PREFIX}circuit_state`,
      help: 'State of the /notify circuit breaker: 1 for the current state.',
      labelNames: ['state'],
      registers,
      async collect() {
        const current = await status().catch(() => null);
        for (const state of Object.values(CircuitState))
          this.set({ state }, current?.state === state ? 1 : 0);
      },
    });
  }

  /**
   * Counts an error as answered, by the code the caller sees: called by the one error
   * formatter, so every error of every transport counts once, whatever produced it.
   */
  const errorAnswered = (code: string) => graphqlErrors.inc({ code });

  return {
    run,
    rollups,
    provider,
    httpMiddleware,
    apolloPlugin,
    errorAnswered,
    watchPool,
    watchCircuit,
  };
}

export type GatewayTelemetry = ReturnType<typeof gatewayMetrics>;
