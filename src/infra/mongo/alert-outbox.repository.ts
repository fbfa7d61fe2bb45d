import { Types, type AnyBulkWriteOperation, type Model } from 'mongoose';
import {
  NotificationSkipReason,
  NotificationStatus,
  type AlertDecision,
  type NotificationRecord,
  type OutboxItem,
  type QueueSummary,
  type RequeueFilter,
} from '../../domain/alerting/alert.types.js';
import { keyOf, type AlertMove } from '../../domain/alerting/alert-moves.js';
import { dueFrom } from '../../domain/alerting/alert-policy.js';
import type { AlertOutbox, ClaimSpec } from '../../domain/alerting/ports.js';
import type { NotificationDoc } from './models/notification.model.js';

type StoredNotification = NotificationDoc & { _id: Types.ObjectId };
type Ops = AnyBulkWriteOperation<NotificationDoc>[];

const CLAIM_SORT: Record<ClaimSpec['order'], Record<string, 1 | -1>> = {
  freshest: { ticketActivityAt: -1, _id: 1 },
  likeliest: { attempts: -1, ticketActivityAt: -1, _id: 1 },
};

/** A move as a conditional update: only while the alert is in a state it moves from. */
const asUpdate = (move: AlertMove): AnyBulkWriteOperation<NotificationDoc> => ({
  updateOne: {
    filter: {
      ...move.alert,
      status: { $in: move.from },
      ...(move.keepOnDemand ? { onDemand: { $ne: true } } : {}),
    },
    update: { $set: move.set },
  },
});

/**
 * The outbox collection. Inserting is idempotent (unique tenant+ticket+reason index); the
 * moves the domain decides are conditional updates; claims are leases by findOneAndUpdate:
 * one claimer wins a due alert until its lease lapses.
 */
export class MongoAlertOutbox implements AlertOutbox {
  constructor(
    private readonly notifications: Model<NotificationDoc>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async insertNew(decisions: AlertDecision[]): Promise<boolean[]> {
    if (decisions.length === 0) return [];
    const inserted = await this.notifications.bulkWrite(
      decisions.map((d) => ({
        updateOne: {
          filter: keyOf(d),
          update: {
            $setOnInsert: {
              ticketId: d.ticketId,
              urgency: d.urgency,
              signals: d.signals,
              ticketActivityAt: d.ticketActivityAt,
              createdAt: d.at,
              ...dueFrom(d.at),
              status: d.status,
              skipReason: d.skipReason,
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    const isNew = new Set(Object.keys(inserted.upsertedIds).map(Number));
    return decisions.map((_, i) => isNew.has(i));
  }

  async applyMoves(moves: AlertMove[]): Promise<{ applied: number; madeDue: number }> {
    // Those that make alerts due first, in a bulk of their own: its count is theirs.
    const due = moves.filter((move) => move.makesDue);
    const others = moves.filter((move) => !move.makesDue);
    const madeDue = due.length === 0 ? 0 : (await this.bulk(due.map(asUpdate))).matchedCount;
    const rest = others.length === 0 ? 0 : (await this.bulk(others.map(asUpdate))).matchedCount;
    return { applied: madeDue + rest, madeDue };
  }

  async claimDue(owner: string, leaseMs: number, spec: ClaimSpec): Promise<OutboxItem | null> {
    const now = this.now();
    const doc = await this.notifications
      .findOneAndUpdate(
        {
          status: NotificationStatus.PENDING,
          nextAttemptAt: { $lte: now },
          ...(spec.minAttempts > 0 ? { attempts: { $gte: spec.minAttempts } } : {}),
          $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }],
        },
        { $set: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) } },
        { sort: CLAIM_SORT[spec.order], returnDocument: 'after' },
      )
      .lean<StoredNotification>();
    if (doc === null) return null;
    return {
      id: String(doc._id),
      tenantId: doc.tenantId,
      externalId: doc.externalId,
      reason: doc.reason,
      urgency: doc.urgency,
      signals: doc.signals ?? [],
      attempts: doc.attempts ?? 0,
      // Alerts stored before these fields existed count from when they were queued.
      ticketActivityAt: doc.ticketActivityAt ?? doc.createdAt,
      queuedAt: doc.queuedAt ?? doc.createdAt,
      onDemand: doc.onDemand ?? false,
    };
  }

  async delivered(id: string, owner: string, attempts: number): Promise<void> {
    await this.settle(id, owner, {
      status: NotificationStatus.DELIVERED,
      attempts,
      deliveredAt: this.now(),
      deliveredBy: owner,
      lastError: null,
    });
  }

  async retryLater(
    id: string,
    owner: string,
    update: { attempts: number; nextAttemptAt: Date; lastError: string },
  ) {
    await this.settle(id, owner, update);
  }

  async failed(
    id: string,
    owner: string,
    update: { attempts: number; lastError: string },
  ): Promise<void> {
    await this.settle(id, owner, { ...update, status: NotificationStatus.FAILED });
  }

  async skip(id: string, owner: string, skipReason: NotificationSkipReason): Promise<void> {
    await this.settle(id, owner, { status: NotificationStatus.SKIPPED, skipReason });
  }

  async release(id: string, owner: string, nextAttemptAt: Date): Promise<void> {
    await this.settle(id, owner, { nextAttemptAt });
  }

  async requeue(filter: RequeueFilter, at: Date): Promise<number> {
    const matches = filter.statuses.map((status) =>
      status === NotificationStatus.SKIPPED && filter.skipReason !== null
        ? { status, skipReason: filter.skipReason }
        : { status },
    );
    const result = await this.notifications.updateMany(
      { $or: matches, ...(filter.tenantId === null ? {} : { tenantId: filter.tenantId }) },
      { $set: { ...dueFrom(at), onDemand: true } },
    );
    return result.modifiedCount;
  }

  async findForTickets(
    ticketIds: readonly string[],
    reason: string,
  ): Promise<Map<string, NotificationRecord>> {
    const docs = await this.notifications
      .find({ ticketId: { $in: [...ticketIds] }, reason })
      .lean<NotificationDoc[]>();
    return new Map(
      docs.map((doc) => [
        doc.ticketId,
        {
          ticketId: doc.ticketId,
          status: doc.status,
          skipReason: doc.skipReason ?? null,
          attempts: doc.attempts,
          lastError: doc.lastError ?? null,
          deliveredAt: doc.deliveredAt ?? null,
        },
      ]),
    );
  }

  async summary(tenantId: string): Promise<QueueSummary> {
    const groups = await this.notifications.aggregate<{
      _id: { status: NotificationStatus; skipReason: NotificationSkipReason | null };
      count: number;
      oldestQueuedAt: Date | null;
    }>([
      { $match: { tenantId } },
      {
        $group: {
          _id: { status: '$status', skipReason: '$skipReason' },
          count: { $sum: 1 },
          oldestQueuedAt: { $min: '$queuedAt' },
        },
      },
    ]);
    const byStatus = new Map<NotificationStatus, number>();
    const bySkipReason = new Map<NotificationSkipReason, number>();
    let oldestDueSince: Date | null = null;
    for (const group of groups) {
      const { status, skipReason } = group._id;
      byStatus.set(status, (byStatus.get(status) ?? 0) + group.count);
      if (status === NotificationStatus.SKIPPED && skipReason)
        bySkipReason.set(skipReason, (bySkipReason.get(skipReason) ?? 0) + group.count);
      if (status === NotificationStatus.PENDING) oldestDueSince = group.oldestQueuedAt ?? null;
    }
    return {
      byStatus: Object.values(NotificationStatus).map((status) => ({
        status,
        count: byStatus.get(status) ?? 0,
      })),
      bySkipReason: Object.values(NotificationSkipReason).map((skipReason) => ({
        skipReason,
        count: bySkipReason.get(skipReason) ?? 0,
      })),
      oldestDueSince,
    };
  }

  private bulk(ops: Ops) {
    return this.notifications.bulkWrite(ops, { ordered: false });
  }

  private async settle(id: string, owner: string, update: Record<string, unknown>): Promise<void> {
    await this.notifications.updateOne(
      { _id: new Types.ObjectId(id), leaseOwner: owner },
      { $set: { ...update, leaseOwner: null, leaseExpiresAt: null } },
    );
  }
}
