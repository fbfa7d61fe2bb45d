import { Types, type Model } from 'mongoose';
import type { OutboxItem, OutboxStore } from '../../domain/notifications/dispatcher.js';
import { NotificationStatus } from '../../domain/notifications/notification.types.js';
import type { NotificationDoc } from './models/notification.model.js';

type StoredNotification = NotificationDoc & { _id: Types.ObjectId };

/** Leases by findOneAndUpdate: one claimer wins a due alert until its lease lapses. */
export class MongoOutboxStore implements OutboxStore {
  constructor(
    private readonly notifications: Model<NotificationDoc>,
    private readonly now: () => Date = () => new Date(),
  ) {}

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

  /** Re-queues FAILED alerts (all, or one tenant's); returns how many. */
  async requeueFailed(tenantId: string | null): Promise<number> {
    const result = await this.notifications.updateMany(
      { status: NotificationStatus.FAILED, ...(tenantId === null ? {} : { tenantId }) },
      {
        $set: {
          status: NotificationStatus.PENDING,
          attempts: 0,
          nextAttemptAt: this.now(),
          lastError: null,
        },
      },
    );
    return result.modifiedCount;
  }

  private async settle(id: string, owner: string, update: Record<string, unknown>): Promise<void> {
    await this.notifications.updateOne(
      { _id: new Types.ObjectId(id), leaseOwner: owner },
      { $set: { ...update, leaseOwner: null, leaseExpiresAt: null } },
    );
  }
}
