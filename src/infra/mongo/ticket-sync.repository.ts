import { Types, type AnyBulkWriteOperation, type Model } from 'mongoose';
import type { ActiveTicket, TicketSyncStore } from '../../domain/ingestion/ports.js';
import type { PagePlan, StoredTicketState } from '../../domain/ingestion/ticket-sync.js';
import type { StatsFacts } from '../../domain/stats/ticket-facts.js';
import { ChangeAction } from '../../domain/tickets/ticket.types.js';
import { classificationFields, storedCorrection } from './classification-fields.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { FACTS_PROJECTION, rollupStamp, storedFacts, type FactsFields } from './ticket-facts.js';

type StoredState = Omit<StoredTicketState, 'id' | 'facts'> & FactsFields & { _id: Types.ObjectId };

/**
 * Writes pages of tickets with bulk operations: one round trip per collection and page.
 * Every filter names the tenant (the shard key's first field), and every ticket write
 * carries its roll-up stamp.
 */
export class MongoTicketSyncStore implements TicketSyncStore {
  constructor(
    private readonly tickets: Model<TicketDoc>,
    private readonly history: Model<TicketHistoryDoc>,
  ) {}

  async loadStates(
    tenantId: string,
    externalIds: string[],
  ): Promise<Map<string, StoredTicketState>> {
    if (externalIds.length === 0) return new Map();
    const docs = await this.tickets
      .find(
        { tenantId, externalId: { $in: externalIds } },
        {
          ...FACTS_PROJECTION,
          externalId: 1,
          subject: 1,
          message: 1,
          updatedAt: 1,
          correction: 1,
        },
      )
      .lean<StoredState[]>();
    return new Map(
      docs.map(({ _id, classification, deletedAt, ...state }) => [
        state.externalId,
        {
          ...state,
          id: String(_id),
          deletedAt: deletedAt ?? null,
          facts: storedFacts({ ...state, deletedAt, classification }),
          correction: storedCorrection(state),
        },
      ]),
    );
  }

  async applyPlan(
    tenantId: string,
    runId: string,
    plan: PagePlan,
    at: Date,
    seq: number,
  ): Promise<Map<string, string>> {
    const idByExternalId = new Map<string, Types.ObjectId>();
    const writes: AnyBulkWriteOperation<TicketDoc>[] = [];
    for (const { ticket, classification } of plan.creates) {
      const _id = new Types.ObjectId();
      idByExternalId.set(ticket.externalId, _id);
      writes.push({
        updateOne: {
          filter: { tenantId, externalId: ticket.externalId },
          update: {
            $setOnInsert: {
              _id,
              ...ticket,
              ...classificationFields(classification),
              deletedAt: null,
              syncedAt: at,
              lastRunId: runId,
              ...rollupStamp(seq, null),
            },
          },
          upsert: true,
        },
      });
    }
    for (const rewrite of plan.rewrites) {
      idByExternalId.set(rewrite.ticket.externalId, new Types.ObjectId(rewrite.id));
      writes.push({
        updateOne: {
          // Conditional on what change detection saw, so a stale plan never overwrites newer data.
          filter: {
            tenantId,
            _id: new Types.ObjectId(rewrite.id),
            updatedAt: rewrite.expectedUpdatedAt,
          },
          update: {
            $set: {
              ...rewrite.ticket,
              ...classificationFields(rewrite.classification),
              ...(rewrite.restore ? { deletedAt: null } : {}),
              syncedAt: at,
              lastRunId: runId,
              ...rollupStamp(seq, rewrite.from),
            },
          },
        },
      });
    }
    if (writes.length > 0) await this.tickets.bulkWrite(writes, { ordered: false });

    if (plan.history.length > 0) {
      await this.history.insertMany(
        plan.history.map((entry) => ({
          tenantId,
          ticketId: idByExternalId.get(entry.externalId),
          externalId: entry.externalId,
          at,
          action: entry.action,
          runId,
          changes: entry.changes,
        })),
        { ordered: false },
      );
    }
    return new Map([...idByExternalId].map(([externalId, id]) => [externalId, String(id)]));
  }

  async *activeTickets(tenantId: string): AsyncIterable<ActiveTicket> {
    const cursor = this.tickets
      .find({ tenantId, deletedAt: null }, { externalId: 1 })
      .lean<{ _id: Types.ObjectId; externalId: string }>()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor) yield { id: String(doc._id), externalId: doc.externalId };
  }

  async softDelete(
    tenantId: string,
    runId: string,
    tickets: (ActiveTicket & { facts: StatsFacts })[],
    at: Date,
    seq: number,
  ): Promise<number> {
    if (tickets.length === 0) return 0;
    const result = await this.tickets.bulkWrite(
      tickets.map((ticket) => ({
        updateOne: {
          filter: { tenantId, _id: new Types.ObjectId(ticket.id), deletedAt: null },
          update: {
            $set: {
              deletedAt: at,
              syncedAt: at,
              lastRunId: runId,
              ...rollupStamp(seq, ticket.facts),
            },
          },
        },
      })),
      { ordered: false },
    );
    await this.history.insertMany(
      tickets.map((ticket) => ({
        tenantId,
        ticketId: new Types.ObjectId(ticket.id),
        externalId: ticket.externalId,
        at,
        action: ChangeAction.DELETED,
        runId,
        changes: [{ field: 'deletedAt', from: null, to: at.toISOString() }],
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }
}
