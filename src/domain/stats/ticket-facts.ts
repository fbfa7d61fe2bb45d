import {
  TicketStatus,
  Urgency,
  Sentiment,
  type Classification,
  type TicketSource,
} from '../tickets/ticket.types.js';

/**
 * What the figures count of one live ticket; a deleted ticket counts nothing (null). Every
 * write that changes any of these moves the roll-ups by the difference (see RollupDelta).
 */
export interface StatsFacts {
  createdAt: Date;
  status: TicketStatus;
  source: TicketSource;
  customerId: string;
  urgency: Urgency;
  sentiment: Sentiment;
  requiresAction: boolean;
  /** Facts counted before review existed have none: false. */
  needsReview: boolean;
  keywords: string[];
}

/** One ticket's write: what the roll-ups counted before, and what they must count after. */
export interface FactsChange {
  from: StatsFacts | null;
  to: StatsFacts | null;
}

/** The facts of a ticket with this classification; null when it is deleted. */
export function factsOf(
  ticket: {
    createdAt: Date;
    status: TicketStatus;
    source: TicketSource;
    customerId: string;
    deletedAt?: Date | null;
  },
  classification: Pick<
    Classification,
    'urgency' | 'sentiment' | 'requiresAction' | 'needsReview' | 'keywords'
  >,
): StatsFacts | null {
  if (ticket.deletedAt) return null;
  return {
    createdAt: ticket.createdAt,
    status: ticket.status,
    source: ticket.source,
    customerId: ticket.customerId,
    urgency: classification.urgency,
    sentiment: classification.sentiment,
    requiresAction: classification.requiresAction,
    needsReview: classification.needsReview,
    keywords: classification.keywords,
  };
}

export function sameFacts(a: StatsFacts | null, b: StatsFacts | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.createdAt.getTime() === b.createdAt.getTime() &&
    a.status === b.status &&
    a.source === b.source &&
    a.customerId === b.customerId &&
    a.urgency === b.urgency &&
    a.sentiment === b.sentiment &&
    a.requiresAction === b.requiresAction &&
    a.needsReview === b.needsReview &&
    a.keywords.length === b.keywords.length &&
    a.keywords.every((keyword, i) => keyword === b.keywords[i])
  );
}

/** The at-risk counters of one ticket (riskScore = 3 × high + 2 × negative + open). */
export function riskOf(facts: StatsFacts) {
  return {
    negative: facts.sentiment === Sentiment.NEGATIVE ? 1 : 0,
    high: facts.urgency === Urgency.HIGH ? 1 : 0,
    open: facts.status === TicketStatus.OPEN || facts.status === TicketStatus.PENDING ? 1 : 0,
  };
}

export const riskScore = (c: { high: number; negative: number; open: number }) =>
  3 * c.high + 2 * c.negative + c.open;
