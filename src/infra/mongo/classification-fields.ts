import type { Classification } from '../../domain/tickets/ticket.types.js';
import { Urgency } from '../../domain/tickets/ticket.types.js';

export const URGENCY_RANK: Record<Urgency, number> = {
  [Urgency.HIGH]: 2,
  [Urgency.MEDIUM]: 1,
  [Urgency.LOW]: 0,
};

/** What a ticket document stores of a classification: the result and its sortable rank. */
export function classificationFields(classification: Classification) {
  return { classification, urgencyRank: URGENCY_RANK[classification.urgency] };
}
