import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPage } from '../../src/domain/ingestion/ticket-sync.js';
import { RollupDelta } from '../../src/domain/stats/rollup-delta.js';
import { RepairKind, type RollupStore } from '../../src/domain/stats/rollup-ports.js';
import { RollupWriter } from '../../src/domain/stats/rollup-writer.js';
import {
  TicketSource,
  TicketStatus,
  Urgency,
  type IncomingTicket,
} from '../../src/domain/tickets/ticket.types.js';
import { MongoCountedTickets } from '../../src/infra/mongo/counted-tickets.repository.js';
import type { Database } from '../../src/infra/mongo/database.js';
import { MongoRollupStore } from '../../src/infra/mongo/rollup.repository.js';
import { MongoTicketSyncStore } from '../../src/infra/mongo/ticket-sync.repository.js';
import { connectTestDatabase } from '../support/databases.js';
import { silentLogger, testClassification } from '../support/fakes.js';
import { until } from '../support/eventually.js';
import { expectRollupsEqualScan } from '../support/stats-scan.js';

const TTL_MS = 300;

/** Where a writer dies in its op (the process stops: nothing after runs, the lease stays). */
type CrashPoint =
  | 'after the ticket write'
  | 'midway through the roll-up writes'
  | 'before the latest ticket times'
  | 'before the op is marked done';

class ProcessDied extends Error {}

/** The real store, with a writer that dies at one point of its next op. */
function dyingAt(store: MongoRollupStore, point: CrashPoint): RollupStore {
  let dead = false;
  const die = () => {
    dead = true;
    throw new ProcessDied(point);
  };
  return {
    acquire: (...args) => store.acquire(...args),
    renew: async (...args) => !dead && store.renew(...args),
    next: (...args) => store.next(...args),
    async apply(tenantId, seq, delta, redo) {
      if (point === 'after the ticket write') die();
      if (point === 'midway through the roll-up writes') {
        // The roll-up documents changed, the customers did not.
        const part = Object.assign(new RollupDelta(), delta, { customers: new Map() });
        await store.apply(tenantId, seq, part, redo);
        die();
      }
      await store.apply(tenantId, seq, delta, redo);
      if (point === 'before the latest ticket times') die();
    },
    async refreshLatest(...args) {
      await store.refreshLatest(...args);
      if (point === 'before the op is marked done') die();
    },
    // A dead process releases nothing.
    release: async (...args) => (dead ? undefined : store.release(...args)),
    built: (...args) => store.built(...args),
    clear: (...args) => store.clear(...args),
    markBuilt: (...args) => store.markBuilt(...args),
    abandoned: () => store.abandoned(),
  };
}

const ticket = (i: number, overrides: Partial<IncomingTicket> = {}): IncomingTicket => ({
  tenantId: 'tenant_a',
  externalId: `ext-${i}`,
  source: [TicketSource.EMAIL, TicketSource.CHAT, TicketSource.API][i % 3]!,
  customerId: `cust-${i % 7}`,
  subject: i % 4 === 0 ? 'outage' : 'question',
  message: 'Body',
  status: [TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.CLOSED][i % 3]!,
  createdAt: new Date(Date.UTC(2026, 10, 20) + i * 37 * 60_000),
  updatedAt: new Date(Date.UTC(2026, 10, 20) + i * 37 * 60_000),
  ...overrides,
});

const classify = (t: { subject: string }) =>
  testClassification(t.subject.includes('outage') ? Urgency.HIGH : Urgency.LOW);

describe('roll-ups after a writer dies mid-op', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDatabase('stats_crash');
  });
  afterAll(() => db?.close());

  const points: CrashPoint[] = [
    'after the ticket write',
    'midway through the roll-up writes',
    'before the latest ticket times',
    'before the op is marked done',
  ];

  it.each(
    points.flatMap((point) => [
      [point, 'the next write'] as const,
      [point, 'the repair job'] as const,
    ]),
  )('are exact again when it dies %s, repaired by %s', async (point, repairedBy) => {
    const tenantId = `tenant_${points.indexOf(point)}_${repairedBy.replace(/\W/g, '_')}`;
    const { models } = db;
    const real = MongoRollupStore.of(models);
    const tickets = new MongoTicketSyncStore(models.tickets, models.ticketHistory);
    const counted = new MongoCountedTickets(models.tickets);
    const repairs: RepairKind[] = [];
    const writer = (owner: string, store: RollupStore) =>
      new RollupWriter(store, counted, { owner, leaseTtlMs: TTL_MS, pollMs: 10 }, silentLogger, {
        repaired: (kind) => repairs.push(kind),
      });
    /** One page of an ingestion: creates, rewrites (every field moves), and then deletes. */
    const page = (w: RollupWriter, incoming: IncomingTicket[]) =>
      w.write(tenantId, async (seq) => {
        const plan = planPage({
          incoming: incoming.map((t) => ({ ...t, tenantId })),
          stored: await tickets.loadStates(
            tenantId,
            incoming.map((t) => t.externalId),
          ),
          full: false,
          classify,
        });
        await tickets.applyPlan(tenantId, 'run', plan, new Date(), seq);
        return { changes: plan.changes, result: plan };
      });
    const remove = (w: RollupWriter, ids: number[]) =>
      w.write(tenantId, async (seq) => {
        const states = await tickets.loadStates(
          tenantId,
          ids.map((i) => `ext-${i}`),
        );
        const live = [...states.values()].flatMap((s) =>
          s.facts === null ? [] : [{ id: s.id, externalId: s.externalId, facts: s.facts }],
        );
        await tickets.softDelete(tenantId, 'run', live, new Date(), seq);
        return { changes: live.map((s) => ({ from: s.facts, to: null })), result: null };
      });

    const healthy = writer('healthy', real);
    await page(
      healthy,
      Array.from({ length: 40 }, (_, i) => ticket(i)),
    );
    await remove(healthy, [1, 2]);
    await expectRollupsEqualScan(db, tenantId, [new Date()], `${point}: before`);

    // The dying writer's op moves every field of some tickets, restores one, creates others.
    const later = new Date(Date.UTC(2026, 10, 25));
    const changed = [
      ticket(3, { status: TicketStatus.CLOSED, updatedAt: later }),
      ticket(4, { source: TicketSource.WEB, updatedAt: later }),
      ticket(5, { customerId: 'cust-new', updatedAt: later }),
      ticket(6, { subject: 'outage', updatedAt: later }),
      ticket(8, { subject: 'question', updatedAt: later }),
      ticket(9, { createdAt: new Date(Date.UTC(2026, 11, 1, 3, 7)), updatedAt: later }),
      ticket(1, { updatedAt: later }),
      ...Array.from({ length: 5 }, (_, i) => ticket(100 + i)),
    ];
    await expect(page(writer('dying', dyingAt(real, point)), changed)).rejects.toThrow(ProcessDied);
    if (repairedBy === 'the next write') {
      // The next op of the tenant waits for the dead writer's lease, then redoes its op.
      await page(healthy, [ticket(10, { status: TicketStatus.CLOSED, updatedAt: later })]);
    } else {
      // The dead writer's lease lapses after TTL_MS: then the sweep repairs its op, once.
      let repaired = 0;
      await until(async () => (repaired = await healthy.repairAbandoned()) > 0, {
        timeoutMs: TTL_MS + 5000,
        intervalMs: 50,
      });
      expect(repaired).toBe(1);
    }
    expect(repairs).toEqual([RepairKind.REDO]);
    await expectRollupsEqualScan(db, tenantId, [new Date()], `${point}, by ${repairedBy}`);
    expect(await healthy.repairAbandoned()).toBe(0);
  });
});
