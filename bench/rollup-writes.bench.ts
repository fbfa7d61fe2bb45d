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
import { round, startBenchStack, type BenchStack } from './harness.js';
import { insertSyntheticTickets } from './synthetic-tickets.js';

/**
 * The price of roll-ups on the write side (issue 21): database time per ingestion page, with
 * the roll-up writer and with a writer that only runs the ticket writes, for two tenants
 * ingesting the same kind of pages in one database. After a warm-up, each kind of page (new
 * tickets; the same tickets changed) is measured twice, once in either order. The database
 * also holds a third tenant's tickets (10k by default; WRITE_SIZES lists others), since the
 * embedded engine's scans grow with the collection: with 10k of them an update page already
 * costs the engine 1.3 s, with or without roll-ups.
 */
const SIZES = (process.env.WRITE_SIZES ?? '10000').split(',').map(Number);
const NEW_PER_RUN = 2000;
const PAGE_SIZE = 100;
const ADMIN: Principal = { keyId: 'bench', keyName: 'bench', tenantId: null, isAdmin: true };
/** What a page writes: tickets, history, alerts, roll-ups, and the run's progress. */
const PAGE_COLLECTIONS = ['tickets', 'ticket_history', 'notifications', 'ingestion_runs'];
const ROLLUP_COLLECTIONS = ['stats_heads', 'stats_rollups', 'stats_customers'];

type Variant = 'with' | 'without';
type Change = 'create' | 'update';

/** Runs the ticket writes only: what ingestion cost before roll-ups. */
const WITHOUT_ROLLUPS: StatsWriter = {
  write: async (_tenantId, work) => (await work(0)).result,
};

/**
 * Database time (ms) of the commands a page writes while `during` runs, in all and to the
 * roll-up collections. Reads of the run's state (this benchmark's polling) are left out.
 */
async function databaseTime(stack: BenchStack, during: () => Promise<void>) {
  const client = stack.db.connection.getClient();
  const spent = { all: 0, rollups: 0 };
  const counted = new Map<number, boolean>();
  const start = (event: {
    requestId: number;
    commandName: string;
    command: Record<string, unknown>;
  }) => {
    const collection = String(event.command[event.commandName]);
    const poll = event.commandName === 'find' && collection === 'ingestion_runs';
    const rollup = ROLLUP_COLLECTIONS.includes(collection);
    if (rollup || (PAGE_COLLECTIONS.includes(collection) && !poll))
      counted.set(event.requestId, rollup);
  };
  const end = (event: { requestId: number; duration: number }) => {
    const rollup = counted.get(event.requestId);
    if (rollup === undefined) return;
    counted.delete(event.requestId);
    spent.all += event.duration;
    if (rollup) spent.rollups += event.duration;
  };
  client.on('commandStarted', start);
  client.on('commandSucceeded', end);
  client.on('commandFailed', end);
  try {
    await during();
  } finally {
    client.off('commandStarted', start);
    client.off('commandSucceeded', end);
    client.off('commandFailed', end);
  }
  return spent;
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
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runRollupWritesBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({ mock: { tickets: 0 } });
  const config = loadConfig({ PROVIDER_RATE_LIMIT: '0', INGESTION_PAGE_SIZE: String(PAGE_SIZE) });
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
  const ingestion: Record<Variant, IngestionService> = {
    with: ingestionWith(
      new RollupWriter(
        MongoRollupStore.of(models),
        new MongoCountedTickets(models.tickets),
        { owner: 'bench', leaseTtlMs: 15_000, pollMs: 25 },
        silentLogger,
      ),
    ),
    without: ingestionWith(WITHOUT_ROLLUPS),
  };
  const tenants: Record<Variant, string> = { with: 'writes_rollups', without: 'writes_plain' };
  let round_ = 0;

  /** One round: the pages change (both tenants' tickets, interleaved), then each tenant is ingested. */
  async function ingestRound(change: Change, order: Variant[]) {
    round_ += 1;
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
    const spent = {} as Record<Variant, { all: number; rollups: number; pages: number }>;
    for (const variant of order) {
      let pages = 0;
      const ms = await databaseTime(stack, async () => {
        pages = await runToEnd(ingestion[variant], tenants[variant]);
      });
      spent[variant] = { ...ms, pages };
    }
    return spent;
  }

  const figures: BenchmarkFigures = { 'stats.writes.pageSize': PAGE_SIZE };
  let stored = 0;
  try {
    await stack.runtime.services.tenants.declare([...Object.values(tenants), 'writes_ballast']);
    for (const size of SIZES) {
      await insertSyntheticTickets(stack.db, 'writes_ballast', {
        count: size - stored,
        offset: stored,
      });
      stored = size;
      // Unmeasured: the engine's JIT meets the roll-up commands.
      await ingestRound('create', ['with', 'without']);
      await ingestRound('update', ['with', 'without']);
      const label = `stats.writes.ballast${size}`;
      for (const change of ['create', 'update'] as const) {
        const total = {
          with: { all: 0, rollups: 0, pages: 0 },
          without: { all: 0, rollups: 0, pages: 0 },
        };
        for (const order of [
          ['with', 'without'],
          ['without', 'with'],
        ] as Variant[][]) {
          const spent = await ingestRound(change, order);
          for (const variant of order)
            for (const key of ['all', 'rollups', 'pages'] as const)
              total[variant][key] += spent[variant][key];
        }
        const withRollups = total.with.all / total.with.pages;
        const plain = total.without.all / total.without.pages;
        figures[`${label}.${change}.dbMsPerPage.withRollups`] = round(withRollups, 1);
        figures[`${label}.${change}.dbMsPerPage.without`] = round(plain, 1);
        figures[`${label}.${change}.dbMsPerPage.rollupCommands`] = round(
          total.with.rollups / total.with.pages,
          1,
        );
        figures[`${label}.${change}.extraShare`] = round(withRollups / plain - 1, 3);
      }
      process.stdout.write(`  ${size}: ${JSON.stringify(figures)}\n`);
    }
    return figures;
  } finally {
    await stack.stop();
  }
}
