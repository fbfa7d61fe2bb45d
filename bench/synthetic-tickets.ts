import { Types } from 'mongoose';
import { seededRandom, pick } from '../mock-external-api/src/random.js';
import { SEED_KEYWORDS } from '../mock-external-api/src/seed-data.js';
import {
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
  type Classification,
} from '../src/domain/tickets/ticket.types.js';
import { classificationFields } from '../src/infra/mongo/classification-fields.js';
import type { Database } from '../src/infra/mongo/database.js';

const DAY_MS = 86_400_000;
const BATCH = 10_000;

/** Random labels (drawn in a fixed order, so a seed gives the same tickets). */
function syntheticLabels(random: () => number, keywords: string[]): Classification {
  const urgency = pick(random, Object.values(Urgency));
  return {
    urgency,
    sentiment: pick(random, Object.values(Sentiment)),
    requiresAction: random() < 0.4,
    signals: [],
    confidence: null,
    needsReview: false,
    raisesAlert: urgency === Urgency.HIGH,
    keywords,
    rulesVersion: 'synthetic',
  };
}

/**
 * Tickets written straight through the driver, already classified, as a large tenant's
 * history would be: `count` tickets over the last 30 days, 2,000 customers, random labels
 * and keywords. Returns when they are stored; roll-ups are not touched (rebuild them).
 */
export async function insertSyntheticTickets(
  db: Database,
  tenantId: string,
  options: { count: number; offset?: number; seed?: number; now?: number },
): Promise<void> {
  const random = seededRandom(options.seed ?? 7 + (options.offset ?? 0));
  const now = options.now ?? Date.now();
  const collection = db.models.tickets.collection;
  for (let start = 0; start < options.count; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, options.count - start) }, (_, i) => {
      const n = (options.offset ?? 0) + start + i;
      const createdAt = new Date(now - Math.floor(random() * 30 * DAY_MS));
      const keywords = Array.from({ length: Math.floor(random() * 3) }, () =>
        pick(random, SEED_KEYWORDS),
      );
      return {
        _id: new Types.ObjectId(),
        tenantId,
        externalId: `syn-${n}`,
        source: pick(random, Object.values(TicketSource)),
        customerId: `cust-${Math.floor(random() * 2000)}`,
        subject: `Issue syn-${n}: ${keywords[0] ?? 'question'}`,
        message: `This is a message about ${keywords.join(' and ') || 'a question'}.`,
        status: pick(random, Object.values(TicketStatus)),
        createdAt,
        updatedAt: createdAt,
        deletedAt: null,
        ...classificationFields(syntheticLabels(random, keywords)),
        syncedAt: new Date(now),
      };
    });
    await collection.insertMany(docs, { ordered: false });
  }
}
