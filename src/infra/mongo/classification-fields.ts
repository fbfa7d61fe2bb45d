import type { LabelCorrection } from '../../domain/tickets/ticket.types.js';
import type { Classification } from '../../domain/tickets/ticket.types.js';
import { Urgency } from '../../domain/tickets/ticket.types.js';
import { uncertaintyOf } from '../../domain/tickets/ticket-query.js';

export const URGENCY_RANK: Record<Urgency, number> = {
  [Urgency.HIGH]: 2,
  [Urgency.MEDIUM]: 1,
  [Urgency.LOW]: 0,
};

/** What a ticket document stores of a classification: the result and its sortable rank. */
export function classificationFields(classification: Classification) {
  return {
    classification,
    urgencyRank: URGENCY_RANK[classification.urgency],
    uncertainty: uncertaintyOf(classification),
  };
}

/**
 * Whether a stored classification raised an alert: tickets classified before the field
 * existed raised one when HIGH.
 */
export function storedRaisesAlert(classification: {
  urgency: Urgency;
  raisesAlert?: boolean;
}): boolean {
  return classification.raisesAlert ?? classification.urgency === Urgency.HIGH;
}

/** A stored correction as the domain reads it (absent: none). */
export function storedCorrection(doc: {
  correction?: Partial<LabelCorrection> | null;
}): LabelCorrection | null {
  const c = doc.correction;
  if (c === null || c === undefined || c.by === undefined || c.at === undefined) return null;
  return {
    urgency: c.urgency ?? null,
    sentiment: c.sentiment ?? null,
    requiresAction: c.requiresAction ?? null,
    note: c.note ?? null,
    by: c.by,
    at: c.at,
  };
}
