import { Types, type Model } from 'mongoose';
import {
  NotificationStatus,
  type NewAlert,
  type NotificationRecord,
  type OutboxItem,
} from '../../domain/alerting/alert.types.js';
import type { AlertOutbox } from '../../domain/alerting/ports.js';
import type { NotificationDoc } from './models/notification.model.js';

type StoredNotification = NotificationDoc & { _id: Types.ObjectId };

/**
 * The outbox collection. Enqueueing is idempotent (unique tenant+ticket+reason index);
 * claims are leases by findOneAndUpdate: one claimer wins a due alert until its lease lapses.
 */
export class MongoAlertOutbox implements AlertOutbox {
  constructor(
    private readonly notifications: Model<NotificationDoc>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueue(alerts: NewAlert[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const result = await this.notifications.bulkWrite(
      alerts.map(({ tenantId, externalId, reason, ...alert }) => ({
        updateOne: {
          filter: { tenantId, externalId, reason },
          update: { $setOnInsert: { ...alert, attempts: 0 } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return result.upsertedCount;
  }

  async claimDue(owner: string, leaseMs: number): Promise<OutboxItem | null> {
    const now = this.now();
    const doc = await this.notifications
      .findOneAndUpdate(
        {
          status: NotificationStatus.PENDING,
          nextAttemptAt: { $lte: now },
          $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }],
        },
        { $set: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) } },
        // Retries first: under the provider's per-call failures they are the likeliest to
        // succeed, and successes keep the shared circuit closed.
        { sort: { attempts: -1, nextAttemptAt: 1 }, returnDocument: 'after' },
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

  async release(id: string, owner: string, nextAttemptAt: Date): Promise<void> {
    await this.settle(id, owner, { nextAttemptAt });
  }

  async requeueFailed(tenantId: string | null, at: Date): Promise<number> {
    const result = await this.notifications.updateMany(
      { status: NotificationStatus.FAILED, ...(tenantId === null ? {} : { tenantId }) },
      {
        $set: {
          status: NotificationStatus.PENDING,
          attempts: 0,
          nextAttemptAt: at,
          lastError: null,
        },
      },
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
          attempts: doc.attempts,
          lastError: doc.lastError ?? null,
          deliveredAt: doc.deliveredAt ?? null,
        },
      ]),
    );
  }

  private async settle(id: string, owner: string, update: Record<string, unknown>): Promise<void> {
    await this.notifications.updateOne(
      { _id: new Types.ObjectId(id), leaseOwner: owner },
      { $set: { ...update, leaseOwner: null, leaseExpiresAt: null } },
    );
  }
}
