import { factsOf, type StatsFacts } from '../../domain/stats/ticket-facts.js';
import type { Classification } from '../../domain/tickets/ticket.types.js';
import type { TicketDoc } from './models/ticket.model.js';

/** The fields of a ticket document its figures read. */
export const FACTS_PROJECTION = {
  createdAt: 1,
  status: 1,
  source: 1,
  customerId: 1,
  deletedAt: 1,
  'classification.urgency': 1,
  'classification.sentiment': 1,
  'classification.requiresAction': 1,
  'classification.needsReview': 1,
  'classification.keywords': 1,
} as const;

export type FactsFields = Pick<TicketDoc, 'createdAt' | 'status' | 'source' | 'customerId'> & {
  deletedAt?: Date | null;
  classification: Pick<Classification, 'urgency' | 'sentiment' | 'requiresAction'> & {
    keywords?: string[];
    needsReview?: boolean;
  };
};

/** What the figures count of a stored ticket (read with FACTS_PROJECTION); null when deleted. */
export function storedFacts(doc: FactsFields): StatsFacts | null {
  return factsOf(doc, {
    ...doc.classification,
    needsReview: doc.classification.needsReview ?? false,
    keywords: doc.classification.keywords ?? [],
  });
}

/** The stamp a roll-up op writes with a ticket: its number and what was counted before. */
export const rollupStamp = (seq: number, from: StatsFacts | null) => ({ rollup: { seq, from } });
