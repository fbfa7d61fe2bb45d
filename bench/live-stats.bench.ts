import { startStack, type Stack } from '../test/support/stack.js';
import { collect, wsClient } from '../test/support/ws.js';
import type { BenchmarkFigures } from './figures.js';
import { benchEngineUri, percentile, round } from './harness.js';
import { runToEnd } from './runs.js';

/**
 * Live dashboards (issue 15). Two gateways on one database are the two replicas; 100
 * viewers of one tenant, half on each, during a full ingestion: with tenantStatsUpdated,
 * then with plain polling of tenantStats once a second. Then the price of the selection:
 * tenantStats for four figures against every figure.
 */
const VIEWERS = 100;
const POLL_MS = 1000;
const FIGURES = `asOf totalTickets urgencyHighRatio byStatus { status count } byUrgency { urgency count }
  bySentiment { sentiment count } hourlyTrend { count } dailyTrend(days: 30) { count }`;
const NARROW = `totalTickets byStatus { status count } urgencyHighRatio hourlyTrend { count }`;
const FULL = `totalTickets requiresActionCount urgencyHighRatio byStatus { status count } bySource { source count }
  byUrgency { urgency count } bySentiment { sentiment count } hourlyTrend { count }
  dailyTrend(days: 30) { count } topKeywords(limit: 10) { keyword count }
  atRiskCustomers(limit: 10) { customerId riskScore }`;
const ROUNDS = 15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stats computations one replica runs while `during` goes on (each reads the roll-ups once). */
async function countComputations<T>(replicas: Stack[], during: () => Promise<T>) {
  const counts = replicas.map(() => 0);
  const listeners = replicas.map((replica, i) => {
    const listener = (event: { commandName: string; command: { find?: string } }) => {
      if (event.commandName === 'find' && event.command.find === 'stats_rollups') counts[i]! += 1;
    };
    replica.db.connection.getClient().on('commandStarted', listener);
    return listener;
  });
  try {
    return { result: await during(), counts };
  } finally {
    replicas.forEach((replica, i) =>
      replica.db.connection.getClient().off('commandStarted', listeners[i]!),
    );
  }
}

/** The data-version bumps of the tenant from now on: when each happened (the writer's clock). */
function watchBumps(replica: Stack, tenantId: string) {
  const since = Date.now();
  const bumps = new Map<number, number>();
  let watching = true;
  const done = (async () => {
    while (watching) {
      const doc = await replica.db.models.statsHeads.findOne({ tenantId }).lean();
      const at = doc?.changedAt?.getTime() ?? 0;
      if (doc && at >= since && !bumps.has(doc.version)) bumps.set(doc.version, at);
      await sleep(20);
    }
  })();
  return async () => {
    watching = false;
    await done;
    return [...bumps.values()];
  };
}

type View = { asOf: number; at: number };

/** Per bump and viewer: from the bump to the first figures computed after it (their asOf). */
function lags(bumps: number[], seen: View[][]): number[] {
  return bumps.flatMap((bump) =>
    seen.flatMap((views) => {
      const first = views.find((view) => view.asOf >= bump);
      return first === undefined ? [] : [first.at - bump];
    }),
  );
}

const heapMb = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

/** 100 viewers during a full run of tenant_a on replica A: the figures of one way of viewing. */
async function underLoad(
  mode: 'subscribed' | 'polling' | 'pollingUnshared',
  replicas: [Stack, Stack],
  view: (replica: Stack, views: View[]) => () => Promise<void>,
): Promise<BenchmarkFigures> {
  const heapBefore = heapMb();
  const seen: View[][] = Array.from({ length: VIEWERS }, () => []);
  const leave = seen.map((views, i) => view(replicas[i % 2]!, views));
  while (seen.some((views) => views.length === 0)) await sleep(50);
  const stopWatching = watchBumps(replicas[0], 'tenant_a');
  const { counts } = await countComputations(replicas, async () => {
    await runToEnd(replicas[0], { tenantId: 'tenant_a', full: true });
    await sleep(2000);
  });
  const bumps = await stopWatching();
  const lagged = lags(bumps, seen);
  await Promise.all(leave.map((stop) => stop()));
  await sleep(2000);
  const heapAfter = heapMb();
  return {
    [`live.${mode}.dataChanges`]: bumps.length,
    [`live.${mode}.computations.replicaA`]: counts[0]!,
    [`live.${mode}.computations.replicaB`]: counts[1]!,
    [`live.${mode}.answersPerViewer`]: round(seen.reduce((n, v) => n + v.length, 0) / VIEWERS, 1),
    [`live.${mode}.lagMs.p50`]: round(percentile(lagged, 50), 0),
    [`live.${mode}.lagMs.p95`]: round(percentile(lagged, 95), 0),
    [`live.${mode}.heapMb.before`]: round(heapBefore, 1),
    [`live.${mode}.heapMb.afterLeaving`]: round(heapAfter, 1),
  };
}

/** A viewer on tenantStatsUpdated (its own WebSocket). */
function subscriber(replica: Stack, views: View[]) {
  const client = wsClient(replica.gateway.wsUrl, replica.adminKey);
  void collect<{ tenantStatsUpdated: { asOf: string } }>(
    client,
    `subscription { tenantStatsUpdated(tenantId: "tenant_a") { ${FIGURES} } }`,
    {},
    (result) => {
      const asOf = result.data?.tenantStatsUpdated.asOf;
      if (asOf) views.push({ asOf: Date.parse(asOf), at: Date.now() });
    },
  );
  return () => client.dispose() as Promise<void>;
}

/**
 * A viewer polling tenantStats once a second over HTTP: sharing the gateway's results, or
 * (`unshared`, what every poll cost before) computing afresh each time (an explicit asOf).
 */
const poller = (unshared: boolean) => (replica: Stack, views: View[]) => {
  let polling = true;
  const done = (async () => {
    await sleep(Math.random() * POLL_MS);
    while (polling) {
      const { body } = await replica.graphql<
        { tenantStats: { asOf: string } },
        { asOf: string | null }
      >(
        `query($asOf: DateTime) { tenantStats(tenantId: "tenant_a", asOf: $asOf) { ${FIGURES} } }`,
        { asOf: unshared ? new Date().toISOString() : null },
      );
      if (body.data) views.push({ asOf: Date.parse(body.data.tenantStats.asOf), at: Date.now() });
      await sleep(POLL_MS);
    }
  })();
  return async () => {
    polling = false;
    await done;
  };
};

/**
 * Viewers coming and going: five times, 100 viewers subscribe, get their first figures and
 * leave. The heap after each cycle (after a collection) shows whether anything stays behind.
 */
async function churn(replicas: [Stack, Stack]): Promise<BenchmarkFigures> {
  const heaps: number[] = [];
  for (let cycle = 0; cycle < 5; cycle++) {
    const seen: View[][] = Array.from({ length: VIEWERS }, () => []);
    const leave = seen.map((views, i) => subscriber(replicas[i % 2]!, views));
    while (seen.some((views) => views.length === 0)) await sleep(50);
    await Promise.all(leave.map((stop) => stop()));
    await sleep(500);
    heaps.push(heapMb());
  }
  return {
    'live.churn.heapMb.afterCycle1': round(heaps[0]!, 1),
    'live.churn.heapMb.afterCycle5': round(heaps.at(-1)!, 1),
    'live.churn.watchedTenantsAfter':
      replicas[0].runtime.services.liveStats.watchedTenants +
      replicas[1].runtime.services.liveStats.watchedTenants,
  };
}

/** tenantStats p50 for four figures and for every figure, interleaved, computed afresh (asOf). */
async function selectionPrice(replica: Stack): Promise<BenchmarkFigures> {
  const timed = async (selection: string) => {
    const asOf = new Date().toISOString();
    const started = performance.now();
    const { body } = await replica.graphql(
      `query($asOf: DateTime) { tenantStats(tenantId: "tenant_a", asOf: $asOf) { ${selection} } }`,
      { asOf },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return performance.now() - started;
  };
  const narrow: number[] = [];
  const full: number[] = [];
  const utcDays: number[] = [];
  const tokyoDays: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const n = await timed(NARROW);
    const f = await timed(FULL);
    const u = await timed('dailyTrend(days: 30) { count }');
    const z = await timed('dailyTrend(days: 30, timeZone: "Asia/Tokyo") { count }');
    if (i >= 3) {
      narrow.push(n);
      full.push(f);
      utcDays.push(u);
      tokyoDays.push(z);
    }
  }
  const tickets = await replica.db.models.tickets.countDocuments({ tenantId: 'tenant_a' });
  return {
    'live.selection.tickets': tickets,
    'live.selection.narrowMs.p50': round(percentile(narrow, 50), 1),
    'live.selection.fullMs.p50': round(percentile(full, 50), 1),
    'live.selection.narrowOverFull': round(percentile(narrow, 50) / percentile(full, 50), 2),
    // $dateToString with a timezone, in the database: its cost against UTC.
    'live.zones.dailyUtcMs.p50': round(percentile(utcDays, 50), 1),
    'live.zones.dailyTokyoMs.p50': round(percentile(tokyoDays, 50), 1),
  };
}

export async function runLiveStatsBenchmark(): Promise<BenchmarkFigures> {
  const mongoUri = await benchEngineUri();
  const dbName = `bench_live_${process.pid}`;
  // About 2,000 tickets of tenant_a in 20 pages of 0.4 s: runs of about ten seconds.
  const options = {
    mongoUri,
    dbName,
    adminKey: `tgw_bench-live-${process.pid}-0123456789`,
    mock: { tickets: 8000, pageLatencyMs: 400 },
  };
  const a = await startStack({ ...options, env: { NODE_ENV: 'production' } });
  const b = await startStack({
    ...options,
    env: { NODE_ENV: 'production' },
    dropDatabaseOnStop: true,
  });
  try {
    await runToEnd(a, { tenantId: 'tenant_a' });
    const subscribed = await underLoad('subscribed', [a, b], subscriber);
    const polling = await underLoad('polling', [a, b], poller(false));
    const unshared = await underLoad('pollingUnshared', [a, b], poller(true));
    return {
      'live.viewers': VIEWERS,
      ...subscribed,
      'live.subscribed.watchedTenantsAfter':
        a.runtime.services.liveStats.watchedTenants + b.runtime.services.liveStats.watchedTenants,
      ...polling,
      ...unshared,
      ...(await churn([a, b])),
      ...(await selectionPrice(a)),
    };
  } finally {
    await a.stop();
    await b.stop();
  }
}
