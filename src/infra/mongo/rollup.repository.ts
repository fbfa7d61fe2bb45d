import type { Model, mongo } from 'mongoose';
import {
  latestGained,
  QUARTER_MS,
  QUARTERS_PER_DAY,
  type RollupDelta,
} from '../../domain/stats/rollup-delta.js';
import type { RollupLease, RollupStore } from '../../domain/stats/rollup-ports.js';
import { riskScore } from '../../domain/stats/ticket-facts.js';
import { isDuplicateKey } from './database-errors.js';
import type { Models } from './database.js';
import type { StatsCustomerDoc } from './models/stats-customer.model.js';
import type { StatsHeadDoc } from './models/stats-head.model.js';
import type { StatsRollupDoc } from './models/stats-rollup.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { fieldName, rollupId } from './rollup-keys.js';

export interface RollupModels {
  heads: Model<StatsHeadDoc>;
  rollups: Model<StatsRollupDoc>;
  customers: Model<StatsCustomerDoc>;
  tickets: Model<TicketDoc>;
}

type Counters = Record<string, number>;
/** A roll-up document as the driver sees it: string ids, counters under data-made keys. */
export type RollupRecord = { _id: string } & mongo.Document;
type RollupWrite = mongo.AnyBulkWriteOperation<RollupRecord>;
type CustomerWrite = mongo.AnyBulkWriteOperation<mongo.Document>;

export const rollupCollection = (model: Model<StatsRollupDoc>) =>
  model.collection as unknown as mongo.Collection<RollupRecord>;

const nonZero = (entries: Iterable<[string, number]>): Counters =>
  Object.fromEntries([...entries].filter(([, n]) => n !== 0));

function totalsCounters(delta: RollupDelta): Counters {
  const named = (path: string, map: Map<string, number>) =>
    [...map].map(([key, n]) => [`${path}.${fieldName(key)}`, n] as [string, number]);
  return nonZero([
    ['total', delta.total],
    ['requiresAction', delta.requiresAction],
    ['needsReview', delta.needsReview],
    ...named('byStatus', delta.byStatus),
    ...named('bySource', delta.bySource),
    ...named('byUrgency', delta.byUrgency),
    ...named('bySentiment', delta.bySentiment),
    ...named('keywords', delta.keywords),
  ]);
}

/** Groups counts keyed by a number into documents: document key -> field -> count. */
function grouped(counts: Map<number, number>, place: (key: number) => [number, string]) {
  const byDocument = new Map<number, Counters>();
  for (const [key, n] of counts) {
    const [document, field] = place(key);
    const fields = byDocument.get(document) ?? {};
    fields[field] = n;
    byDocument.set(document, fields);
  }
  return byDocument;
}

/** Duplicate keys of a guarded upsert mean the document already holds the op: nothing to do. */
async function allowingApplied(write: Promise<unknown>, redo: boolean): Promise<void> {
  try {
    await write;
  } catch (error) {
    const errors = (error as { writeErrors?: unknown[] }).writeErrors;
    const onlyApplied = redo && Array.isArray(errors) && errors.every((e) => isDuplicateKey(e));
    if (!onlyApplied && !(redo && isDuplicateKey(error))) throw error;
  }
}

/**
 * The roll-ups in MongoDB: one head per tenant (`stats_heads`), the tenant's documents in
 * `stats_rollups` (ids in rollup-keys.ts) and its customers in `stats_customers`. Counters
 * are written with the driver (mongoose would add defaults that collide with `$inc`). An
 * op's writes are one bulk per collection, each statement addressing one document by its key
 * (unique-index lookups on any engine). A normal op increments unconditionally; a redo
 * matches only documents whose `seq` is below the op, and an upsert that meets a document
 * already holding it fails on the unique key, which is read as "already counted".
 */
export class MongoRollupStore implements RollupStore {
  constructor(
    private readonly models: RollupModels,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The store over a connection's models. */
  static of(models: Models): MongoRollupStore {
    return new MongoRollupStore({
      heads: models.statsHeads,
      rollups: models.statsRollups,
      customers: models.statsCustomers,
      tickets: models.tickets,
    });
  }

  private get rollupDocs() {
    return rollupCollection(this.models.rollups);
  }

  async acquire(tenantId: string, owner: string, ttlMs: number): Promise<RollupLease | null> {
    const now = this.now();
    try {
      const before = await this.models.heads
        .findOneAndUpdate(
          { tenantId, leaseUntil: { $lte: now } },
          {
            $inc: { seq: 1 },
            $set: { owner, open: true, leaseUntil: new Date(now.getTime() + ttlMs) },
            $setOnInsert: { done: 0, version: 0, changedAt: null },
          },
          { upsert: true, returnDocument: 'before' },
        )
        .lean<StatsHeadDoc>();
      if (before === null) return { seq: 1, unfinished: null, fresh: true };
      return {
        seq: before.seq + 1,
        unfinished: before.done < before.seq ? { after: before.done, upTo: before.seq } : null,
        fresh: false,
      };
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async renew(tenantId: string, owner: string, seq: number, ttlMs: number): Promise<boolean> {
    const result = await this.models.heads.updateOne(
      { tenantId, owner, seq },
      { $set: { leaseUntil: new Date(this.now().getTime() + ttlMs) } },
    );
    return result.matchedCount === 1;
  }

  async next(tenantId: string, owner: string, seq: number): Promise<number> {
    const head = await this.models.heads
      .findOneAndUpdate(
        { tenantId, owner, seq },
        { $set: { done: seq }, $inc: { seq: 1 } },
        { returnDocument: 'after' },
      )
      .lean<StatsHeadDoc>();
    if (head === null)
      throw new Error(`The roll-up lease of tenant ${tenantId} was lost before op ${seq + 1}.`);
    return head.seq;
  }

  async release(
    tenantId: string,
    owner: string,
    seq: number,
    outcome: { done: boolean; changed: boolean },
  ): Promise<void> {
    const now = this.now();
    await this.models.heads.updateOne(
      { tenantId, owner, seq },
      {
        $set: {
          leaseUntil: new Date(0),
          ...(outcome.done ? { done: seq, open: false } : {}),
          ...(outcome.changed ? { changedAt: now } : {}),
        },
        ...(outcome.changed ? { $inc: { version: 1 } } : {}),
      },
    );
  }

  async apply(tenantId: string, seq: number, delta: RollupDelta, redo: boolean): Promise<void> {
    const stamp = redo ? { $set: { seq } } : { $max: { seq } };
    const guard = redo ? { seq: { $lt: seq } } : {};
    const upsert = (_id: string, kind: string, $inc: Counters): RollupWrite => ({
      updateOne: {
        filter: { _id, ...guard },
        update: { $inc, ...stamp, $setOnInsert: { tenantId, kind } },
        upsert: true,
      },
    });
    const rollups: RollupWrite[] = [];
    const totals = totalsCounters(delta);
    if (Object.keys(totals).length > 0)
      rollups.push(upsert(rollupId.totals(tenantId), 'totals', totals));
    const days = grouped(delta.quarters, (quarter) => [
      Math.floor(quarter / QUARTERS_PER_DAY),
      `q.${quarter - Math.floor(quarter / QUARTERS_PER_DAY) * QUARTERS_PER_DAY}`,
    ]);
    for (const [day, counts] of days)
      rollups.push(upsert(rollupId.day(tenantId, day), 'day', nonZero(Object.entries(counts))));
    const quarters = grouped(delta.instants, (at) => {
      const quarter = Math.floor(at / QUARTER_MS);
      return [quarter, `m.${at - quarter * QUARTER_MS}`];
    });
    for (const [quarter, counts] of quarters)
      rollups.push(
        upsert(rollupId.quarter(tenantId, quarter), 'quarter', nonZero(Object.entries(counts))),
      );

    const customers: CustomerWrite[] = [...delta.customers].map(([customerId, c]) => {
      const latest = latestGained(c);
      return {
        updateOne: {
          filter: { tenantId, customerId, ...guard },
          update: {
            $inc: {
              tickets: c.tickets,
              negative: c.negative,
              high: c.high,
              open: c.open,
              concern: c.negative + c.high,
              risk: riskScore(c),
            },
            ...(redo
              ? { $set: { seq }, ...(latest ? { $max: { last: latest } } : {}) }
              : { $max: { seq, ...(latest ? { last: latest } : {}) } }),
          },
          upsert: true,
        },
      };
    });
    await Promise.all([
      rollups.length === 0
        ? null
        : allowingApplied(this.rollupDocs.bulkWrite(rollups, { ordered: false }), redo),
      customers.length === 0
        ? null
        : allowingApplied(
            this.models.customers.collection.bulkWrite(customers, { ordered: false }),
            redo,
          ),
    ]);
  }

  async refreshLatest(tenantId: string, customerIds: string[]): Promise<void> {
    const rows = await this.models.tickets.aggregate<{ _id: string; last: Date }>([
      { $match: { tenantId, customerId: { $in: customerIds }, deletedAt: null } },
      { $group: { _id: '$customerId', last: { $max: '$createdAt' } } },
    ]);
    const latest = new Map(rows.map((row) => [row._id, row.last]));
    await this.models.customers.bulkWrite(
      customerIds.map((customerId) => ({
        updateOne: {
          filter: { tenantId, customerId },
          update: { $set: { last: latest.get(customerId) ?? null } },
        },
      })),
      { ordered: false },
    );
  }

  async built(tenantIds: string[]): Promise<Set<string>> {
    if (tenantIds.length === 0) return new Set();
    const docs = await this.rollupDocs
      .find(
        { _id: { $in: tenantIds.map(rollupId.totals) }, built: true },
        { projection: { tenantId: 1 } },
      )
      .toArray();
    return new Set(docs.map((doc) => doc.tenantId as string));
  }

  async clear(tenantId: string): Promise<void> {
    await this.rollupDocs.deleteMany({ _id: rollupId.range(tenantId) });
    await this.models.customers.deleteMany({ tenantId });
    await this.rollupDocs.insertOne({
      _id: rollupId.totals(tenantId),
      tenantId,
      kind: 'totals',
      seq: 0,
      built: false,
    });
  }

  async markBuilt(tenantId: string, seq: number): Promise<void> {
    await this.rollupDocs.updateOne(
      { _id: rollupId.totals(tenantId) },
      { $set: { built: true }, $max: { seq } },
    );
  }

  async abandoned(): Promise<string[]> {
    const docs = await this.models.heads
      .find({ open: true, leaseUntil: { $lte: this.now() } }, { tenantId: 1 })
      .lean<{ tenantId: string }[]>();
    return docs.map((doc) => doc.tenantId);
  }
}
