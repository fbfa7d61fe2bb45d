import type { Model } from 'mongoose';
import { NotificationStatus } from '../../domain/notifications/notification.types.js';
import type { Urgency } from '../../domain/tickets/ticket.types.js';
import type { NotificationDoc } from './models/notification.model.js';

/** The one reason a ticket is alerted for; the outbox is unique per tenant+ticket+reason. */
export const HIGH_URGENCY_REASON = 'HIGH_URGENCY';

export interface AlertRequest {
  tenantId: string;
  externalId: string;
  ticketId: string;
  urgency: Urgency;
  signals: string[];
}

/**
 * Puts alerts in the outbox; idempotent, since the unique tenant+ticket+reason index keeps
 * one alert per ticket. Returns how many were new.
 */
export async function enqueueAlerts(
  notifications: Model<NotificationDoc>,
  requests: AlertRequest[],
  at: Date,
): Promise<number> {
  if (requests.length === 0) return 0;
  const result = await notifications.bulkWrite(
    requests.map((request) => ({
      updateOne: {
        filter: {
          tenantId: request.tenantId,
          externalId: request.externalId,
          reason: HIGH_URGENCY_REASON,
        },
        update: {
          $setOnInsert: {
            ticketId: request.ticketId,
            urgency: request.urgency,
            signals: request.signals,
            status: NotificationStatus.PENDING,
            attempts: 0,
            nextAttemptAt: at,
            createdAt: at,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return result.upsertedCount;
}
