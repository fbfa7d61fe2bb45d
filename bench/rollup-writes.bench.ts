import type { Principal } from '../src/domain/auth/principal.js';
import { isFinal } from '../src/domain/ingestion/ingestion.types.js';
import type { IngestionService } from '../src/domain/ingestion/ingestion.service.js';
import type { StatsWriter } from '../src/domain/stats/rollup-ports.js';
import { RollupWriter } from '../src/domain/stats/rollup-writer.js';
import { createClassifier } from '../src/infra/classification/classifier-factory.js';
import { loadConfig } from '../src/infra/config/env.js';
import { MongoCountedTickets } from '../src/infra/mongo/counted-tickets.repository.js';
import { MongoRollupStore } from '../src/infra/mongo/rollup.repository.js';
import { ingestionModule } from '../src/runtime/ingestion.module.js';
import { silentLogger } from '../test/support/fakes.js';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { insertSyntheticTickets } from './synthetic-tickets.js';

/**
 * The price of roll-ups on the write side (issue 21): database time per ingestion page, with
 * the roll-up writer and with a writer that only runs the ticket writes, for two tenants
 * ingesting the same kind of pages in one database, alternating. The database also holds a
 * third tenant's tickets (10k, then 100k: WRITE_SIZES), since the embedded engine's scans
 * grow with the collection.
 */
const SIZES = (process.env.WRITE_SIZES ?? '10000,100000').split(',').map(Number);
const NEW_PER_RUN = 2000;
const PAGE_SIZE = 100;
const ADMIN: Principal = { keyId: 'bench', keyName: 'bench', tenantId: null, isAdmin: true };

/** Runs the ticket writes only: what ingestion cost before roll-ups. */
const WITHOUT_ROLLUPS: StatsWriter = {
  write: async (_tenantId, work) => (await work(0)).result,
};

/** Database time of every command the stack sends while `during` runs (ms). */
async function databaseTime(stack: BenchStack, during: () => Promise<void>): Promise<number> {
  const client = stack.db.connection.getClient();
  let total = 0;
  const add = (event: { duration: number }) => (total += event.duration);
  client.on('commandSucceeded', add);
  client.on('commandFailed', add);
  try {
    await during();
  } finally {
    client.off('commandSucceeded', add);
    client.off('commandFailed', add);
  }
  return total;
}

async function runToEnd(ingestion: IngestionService, tenantId: string): Promise<number> {
  const started = await ingestion.start(ADMIN, { tenantId });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  for (;;) {
    const run = await ingestion.get(ADMIN, started.run.id);
    if (run && isFinal(run.status)) {
      if (run.status !== 'SUCCEEDED') throw new Error(`run ended ${run.status}: ${run.error}`);
      return run.progress.processedPages;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function runRollupWritesBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({ mock: { tickets: 0 } });
  const config = loadConfig({
    PROVIDER_RATE_LIMIT: '0',
    INGESTION_PAGE_SIZE: String(PAGE_SIZE),
  });
  const { models } = stack.db;
  const classifier = await createClassifier('semantic');
  const ingestionWith = (rollups: StatsWriter) =>
    ingestionModule({
      config,
      db: stack.db,
      providerUrl: stack.mock.url,
      executorId: 'bench',
      classifier,
      alerts: stack.runtime.services.alerting,
      tenants: stack.runtime.services.tenants,
      rollups,
      observers: {
        run: { runFinished: () => undefined, ticketsWritten: () => undefined },
        provider: { called: () => undefined, waited: () => undefined },
      },
      logger: silentLogger,
    }).ingestion;
  const withRollups = ingestionWith(
    new RollupWriter(
      new MongoRollupStore({
        heads: models.statsHeads,
        rollups: models.statsRollups,
        customers: models.statsCustomers,
        tickets: models.tickets,
      }),
      new MongoCountedTickets(models.tickets),
      { owner: 'bench', leaseTtlMs: 15_000, pollMs: 25 },
      silentLogger,
    ),
  );
  const without = ingestionWith(WITHOUT_ROLLUPS);
  const figures: BenchmarkFigures = { 'stats.writes.pageSize': PAGE_SIZE };
  let stored = 0;
  let round_ = 0;
  try {
    const tenants = { with: 'writes_rollups', without: 'writes_plain' };
    await stack.runtime.services.tenants.declare([...Object.values(tenants), 'writes_ballast']);
    for (const size of SIZES) {
      await insertSyntheticTickets(stack.db, 'writes_ballast', {
        count: size - stored,
        offset: stored,
      });
      stored = size;
      const perPage: Record<'with' | 'without', number[]> = { with: [], without: [] };
      // New tickets, then the same tickets changed; the order alternates between rounds.
      for (const change of ['create', 'update', 'create', 'update'] as const) {
        round_ += 1;
        // Both tenants' tickets interleaved, so every page holds some of each.
        if (change === 'create')
          stack.mock.store.append(
            Array.from({ length: NEW_PER_RUN * 2 }, (_, n) => {
              const i = Math.floor(n / 2);
              return {
                id: `w-${round_}-${i}`,
                tenant_id: n % 2 === 0 ? tenants.with : tenants.without,
                source: ['email', 'web', 'chat', 'api'][i % 4],
                customer_id: `cust-${i % 500}`,
                subject: ['Refund please', 'Site is down', 'How do I export?'][i % 3],
                message: 'I was charged twice and need this fixed today.',
                created_at: new Date(Date.now() - i * 60_000).toISOString(),
                updated_at: new Date().toISOString(),
                status: ['open', 'pending', 'closed'][i % 3],
              };
            }),
          );
        else
          for (const ticket of stack.mock.store.page(1, 10_000_000, false).tickets)
            stack.mock.store.modify(
              { tenant_id: String(ticket.tenant_id), id: String(ticket.id) },
              {
                status: ['open', 'pending', 'closed'][round_ % 3],
                updated_at: new Date(Date.now() + round_).toISOString(),
              },
            );
        const order =
          round_ % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
        for (const variant of order) {
          const ingestion = variant === 'with' ? withRollups : without;
          let pages = 0;
          const ms = await databaseTime(stack, async () => {
            pages = await runToEnd(ingestion, tenants[variant]);
          });
          perPage[variant].push(ms / pages);
        }
      }
      const label = `stats.writes.ballast${size}`;
      const median = (values: number[]) => percentile(values, 50);
      figures[`${label}.dbMsPerPage.withRollups`] = round(median(perPage.with), 1);
      figures[`${label}.dbMsPerPage.without`] = round(median(perPage.without), 1);
      figures[`${label}.extraShare`] = round(median(perPage.with) / median(perPage.without) - 1, 3);
      process.stdout.write(`  ${size}: ${JSON.stringify(perPage)}\n`);
    }
    return figures;
  } finally {
    await stack.stop();
  }
}
