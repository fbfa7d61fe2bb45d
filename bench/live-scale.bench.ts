import { collect, wsClient } from '../test/support/ws.js';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack } from './harness.js';
import { runToEnd } from './runs.js';

/**
 * Live stats as a tenant grows (issue 21): 100 viewers on tenantStatsUpdated (what
 * /dashboard asks) while one ingestion takes their tenant from nothing to 100k tickets
 * (LIVE_SCALE_TICKETS). Per tenth of the run: the tenant's size, the data changes, the
 * figures computed for the viewers, and the database time of each computation.
 */
const TICKETS = Number(process.env.LIVE_SCALE_TICKETS ?? 100_000);
const VIEWERS = 100;
const TENANT = 'live_scale';
const DASHBOARD = `asOf totalTickets urgencyHighRatio requiresActionCount
  byUrgency { urgency count } bySentiment { sentiment count } byStatus { status count }
  bySource { source count } hourlyTrend { bucketStart count } dailyTrend(days: 30) { bucketStart count }
  atRiskCustomers(limit: 8) { customerId riskScore lastTicketAt }`;
const KEYWORDS = ['refund', 'charged twice', 'outage', 'broken', 'urgent', 'question', 'cancel'];

export async function runLiveScaleBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({ mock: { tickets: 0 } });
  const now = Date.now();
  stack.mock.store.append(
    Array.from({ length: TICKETS }, (_, i) => {
      const keyword = KEYWORDS[i % KEYWORDS.length]!;
      const createdAt = new Date(now - ((i * 7919) % (30 * 86_400_000)));
      return {
        id: `live-${i}`,
        tenant_id: TENANT,
        source: ['email', 'web', 'chat', 'api'][i % 4],
        customer_id: `cust-${i % 2000}`,
        subject: `Issue live-${i}: ${keyword}`,
        message: `This is a message about ${keyword}.`,
        created_at: createdAt.toISOString(),
        updated_at: createdAt.toISOString(),
        status: ['open', 'pending', 'closed'][i % 3],
      };
    }),
  );
  await stack.runtime.services.tenants.declare([TENANT]);
  const client = stack.db.connection.getClient();
  /** Per computation: when, and the database time of its reads (the roll-ups, the customers). */
  const reads: { at: number; ms: number; collection: string }[] = [];
  const started = new Map<number, { at: number; collection: string }>();
  const onStart = (event: {
    requestId: number;
    commandName: string;
    command: Record<string, unknown>;
  }) => {
    const collection = String(event.command[event.commandName]);
    if (event.commandName === 'find' && collection.startsWith('stats_'))
      started.set(event.requestId, { at: Date.now(), collection });
  };
  const onEnd = (event: { requestId: number; duration: number }) => {
    const read = started.get(event.requestId);
    if (read === undefined) return;
    started.delete(event.requestId);
    reads.push({ ...read, ms: event.duration });
  };
  const sizes: { at: number; tickets: number; version: number }[] = [];
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const head = await stack.db.models.statsHeads.findOne({ tenantId: TENANT }).lean();
      const totals = await stack.db.models.statsRollups.collection.findOne({
        _id: `${TENANT}|totals`,
      } as never);
      sizes.push({
        at: Date.now(),
        tickets: Number(totals?.total ?? 0),
        version: head?.version ?? 0,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const viewers = Array.from({ length: VIEWERS }, () =>
    wsClient(stack.gateway.wsUrl, stack.adminKey),
  );
  let answers = 0;
  for (const viewer of viewers)
    void collect(
      viewer,
      `subscription { tenantStatsUpdated(tenantId: "${TENANT}") { ${DASHBOARD} } }`,
      {},
      () => (answers += 1),
    );
  try {
    while (answers < VIEWERS) await new Promise((resolve) => setTimeout(resolve, 50));
    client.on('commandStarted', onStart);
    client.on('commandSucceeded', onEnd);
    const runStarted = Date.now();
    await runToEnd(stack, { tenantId: TENANT });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const runSeconds = (Date.now() - runStarted) / 1000;
    client.off('commandStarted', onStart);
    client.off('commandSucceeded', onEnd);
    watching = false;
    await watch;

    const figures: BenchmarkFigures = {
      'live.scale.viewers': VIEWERS,
      'live.scale.tickets': TICKETS,
      'live.scale.runSeconds': round(runSeconds, 1),
      'live.scale.answersPerViewer': round(answers / VIEWERS, 1),
    };
    // A computation reads the roll-ups once; its customer reads follow at once.
    const computations = reads
      .filter((read) => read.collection === 'stats_rollups')
      .map((read) => ({
        at: read.at,
        ms:
          read.ms +
          reads
            .filter(
              (r) => r.collection === 'stats_customers' && r.at >= read.at && r.at - read.at < 50,
            )
            .reduce((sum, r) => sum + r.ms, 0),
      }));
    const sizeAt = (at: number) => [...sizes].reverse().find((s) => s.at <= at) ?? sizes[0]!;
    for (let tenth = 1; tenth <= 10; tenth++) {
      const low = (TICKETS * (tenth - 1)) / 10;
      const high = (TICKETS * tenth) / 10;
      const inTenth = computations.filter((c) => {
        const tickets = sizeAt(c.at).tickets;
        return tickets > low && tickets <= high;
      });
      const versions = sizes.filter((s) => s.tickets > low && s.tickets <= high);
      const label = `live.scale.upTo${high / 1000}k`;
      figures[`${label}.dataChanges`] =
        versions.length === 0 ? 0 : versions.at(-1)!.version - versions[0]!.version;
      figures[`${label}.computations`] = inTenth.length;
      figures[`${label}.dbMsPerComputation.p50`] = round(
        percentile(
          inTenth.map((c) => c.ms),
          50,
        ),
        1,
      );
      figures[`${label}.dbMsPerComputation.p95`] = round(
        percentile(
          inTenth.map((c) => c.ms),
          95,
        ),
        1,
      );
    }
    const first = figures[`live.scale.upTo${TICKETS / 10_000}k.dbMsPerComputation.p50`] as number;
    const last = figures[`live.scale.upTo${TICKETS / 1000}k.dbMsPerComputation.p50`] as number;
    figures['live.scale.lastTenthOverFirst.p50'] = round(last / first, 2);
    return figures;
  } finally {
    await Promise.all(viewers.map((viewer) => viewer.dispose()));
    await stack.stop();
  }
}
