import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { emptyProgress } from '../src/domain/ingestion/ports.js';
import { IngestionStatus } from '../src/domain/ingestion/ingestion.types.js';
import { MongoRunStore } from '../src/infra/mongo/ingestion-run.repository.js';
import { RollupStatsStore } from '../src/infra/mongo/rollup-stats.repository.js';
import { ScanStatsStore } from '../src/infra/mongo/scan-stats.repository.js';
import { projectRoot } from '../src/infra/system/project-root.js';
import type { BenchmarkFigures } from './figures.js';
import { benchEngineUri, percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { runToEnd } from './runs.js';
import { planFor, StatsPart } from '../src/domain/stats/tenant-stats.js';
import { UTC } from '../src/domain/stats/time-buckets.js';

const STATS: TypedDocumentNode<unknown, { tenantId: string; asOf: string }> =
  parse(`query($tenantId: String!, $asOf: DateTime) {
  tenantStats(tenantId: $tenantId, asOf: $asOf) {
    totalTickets urgencyHighRatio requiresActionCount
    byStatus { status count } bySource { source count } byUrgency { urgency count } bySentiment { sentiment count }
    hourlyTrend { bucketStart count } dailyTrend(days: 30) { bucketStart count }
    topKeywords(limit: 10) { keyword count }
    atRiskCustomers(limit: 10) { customerId riskScore }
  }
}`);
const PAGE: TypedDocumentNode<unknown, { tenantId: string }> = parse(`query($tenantId: String!) {
  tickets(tenantId: $tenantId, first: 100) {
    totalCount
    nodes { id subject classification { urgency } history(first: 5) { totalCount nodes { action at } } notification { status attempts } }
  }
}`);
const ROUNDS = 30;

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** tenantStats through the whole GraphQL stack against the same roll-up reads through the driver, interleaved. */
async function statsOverhead(stack: BenchStack): Promise<BenchmarkFigures> {
  const asOf = new Date();
  const { models } = stack.db;
  const store = new RollupStatsStore(
    { rollups: models.statsRollups, customers: models.statsCustomers },
    new ScanStatsStore(models.tickets),
  );
  // What STATS selects: every part, the UTC hourly trend, 30 UTC days, lists of 10.
  const plan = planFor(asOf, {
    parts: Object.values(StatsPart),
    hourly: [UTC],
    daily: [{ timeZone: UTC, days: 30 }],
    weekly: [],
    keywordLimit: 10,
    atRiskLimit: 10,
  });
  const viaGraphql: number[] = [];
  const viaDriver: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const g = await timeMs(() =>
      stack.data(STATS, { tenantId: 'tenant_a', asOf: asOf.toISOString() }),
    );
    const d = await timeMs(() => store.compute('tenant_a', plan));
    if (i >= 3) {
      viaGraphql.push(g);
      viaDriver.push(d);
    }
  }
  const tickets = await stack.db.models.tickets.countDocuments({
    tenantId: 'tenant_a',
    deletedAt: null,
  });
  return {
    'api.tenantStats.tickets': tickets,
    'api.tenantStats.graphqlMs.p50': round(percentile(viaGraphql, 50), 1),
    'api.tenantStats.driverMs.p50': round(percentile(viaDriver, 50), 1),
    'api.tenantStats.graphqlOverDriver': round(
      percentile(viaGraphql, 50) / percentile(viaDriver, 50),
      2,
    ),
  };
}

async function commandsPerPage(stack: BenchStack): Promise<BenchmarkFigures> {
  const commands: string[] = [];
  const client = stack.db.connection.getClient();
  const listener = (event: { commandName: string }) => commands.push(event.commandName);
  client.on('commandStarted', listener);
  await stack.data(PAGE, { tenantId: 'tenant_a' });
  client.off('commandStarted', listener);
  return {
    'api.ticketsPage.dbCommands': commands.length,
    'api.ticketsPage.dbCommandNames': commands.join(','),
  };
}

/**
 * Lag from a progress write to the subscriber's event: the bench writes progress to a run
 * document at known instants (as an executing replica does) and a graphql-ws client on the
 * given gateway records when each event arrives.
 */
async function subscriptionLag(
  stack: BenchStack,
  wsUrl: string,
  adminKey: string,
): Promise<number[]> {
  const runs = new MongoRunStore(stack.db.models.ingestionRuns);
  const id = runs.newId();
  await runs.create({
    id,
    tenantId: 'tenant_a',
    status: IngestionStatus.RUNNING,
    requestedBy: 'bench',
    full: false,
    queuedAt: new Date(),
    startedAt: new Date(),
    finishedAt: null,
    progress: { ...emptyProgress(), totalPages: ROUNDS },
    error: null,
    executor: 'bench',
  });
  const writtenAt = new Map<number, number>();
  const lags: number[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${adminKey}` },
    retryAttempts: 0,
  });
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe<{ ingestionProgress: { progress: { processedPages: number } } }>(
      {
        query:
          'subscription($id: ID!) { ingestionProgress(runId: $id) { progress { processedPages } } }',
        variables: { id: Buffer.from(`IngestionRun:${id}`).toString('base64url') },
      },
      {
        next: (result) => {
          const pages = result.data?.ingestionProgress.progress.processedPages ?? -1;
          const at = writtenAt.get(pages);
          if (at !== undefined) lags.push(performance.now() - at);
        },
        error: reject,
        complete: resolve,
      },
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let page = 1; page <= ROUNDS; page++) {
    writtenAt.set(page, performance.now());
    await runs.addProgress(id, { processedPages: 1 });
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 200));
  }
  await runs.finish(id, IngestionStatus.SUCCEEDED, null, new Date());
  await done;
  await client.dispose();
  return lags;
}

/** A second gateway process on the same database, as another replica. */
async function startReplica(dbName: string, providerUrl: string, adminKey: string) {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist/src/main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      MONGODB_URI: await benchEngineUri(),
      MONGODB_DB: dbName,
      PROVIDER_URL: providerUrl,
      ADMIN_API_KEY: adminKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /GraphiQL:\s+(\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`replica exited ${code}`)));
  });
  return {
    wsUrl: url.replace(/^http/, 'ws'),
    stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))),
  };
}

export async function runApiBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    // About 10,000 of them land in tenant_a, the tenant measured.
    mock: { tickets: 40_000, rateLimit: 0 },
  });
  try {
    await runToEnd(stack, { allTenants: true });
    const figures: BenchmarkFigures = {
      ...(await statsOverhead(stack)),
      ...(await commandsPerPage(stack)),
    };
    const oneProcess = await subscriptionLag(stack, stack.gateway.wsUrl, stack.adminKey);
    const adminKey = 'tgw_bench-replica-admin-key-0123456789';
    await stack.runtime.services.apiKeys.ensureBootstrapAdmin(adminKey);
    const replica = await startReplica(stack.db.connection.name, stack.mock.url, adminKey);
    try {
      const twoProcesses = await subscriptionLag(stack, replica.wsUrl, adminKey);
      return {
        ...figures,
        'api.subscriptionLagMs.oneProcess.p50': round(percentile(oneProcess, 50), 1),
        'api.subscriptionLagMs.oneProcess.p95': round(percentile(oneProcess, 95), 1),
        'api.subscriptionLagMs.twoProcesses.p50': round(percentile(twoProcesses, 50), 1),
        'api.subscriptionLagMs.twoProcesses.p95': round(percentile(twoProcesses, 95), 1),
        'api.subscriptionLag.events': oneProcess.length + twoProcesses.length,
      };
    } finally {
      await replica.stop();
    }
  } finally {
    await stack.stop();
  }
}
