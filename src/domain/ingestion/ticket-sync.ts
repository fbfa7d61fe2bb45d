import { labelChanges, withCorrection } from '../classification/index.js';
import { factsOf, type FactsChange, type StatsFacts } from '../stats/ticket-facts.js';
import {
  ChangeAction,
  type Classification,
  type FieldChange,
  type IncomingTicket,
  type LabelCorrection,
} from '../tickets/ticket.types.js';

/** What change detection needs to know of a stored ticket. */
export interface StoredTicketState {
  id: string;
  externalId: string;
  source: string;
  customerId: string;
  subject: string;
  message: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  /** What the figures count of it now (null: deleted). */
  facts: StatsFacts | null;
  /** Labels a person set: they stay whatever the classifier says now. */
  correction: LabelCorrection | null;
}

export interface TicketCreate {
  ticket: IncomingTicket;
  classification: Classification;
}

export interface TicketRewrite {
  id: string;
  ticket: IncomingTicket;
  classification: Classification;
  /** The stored updatedAt this rewrite was planned against (the write is conditional on it). */
  expectedUpdatedAt: Date;
  restore: boolean;
  /** What the figures counted of it before this write. */
  from: StatsFacts | null;
}

export interface HistoryEntry {
  externalId: string;
  action: ChangeAction;
  changes: FieldChange[];
}

/**
 * A written ticket that is HIGH: its alert is decided (due or skipped) once the ticket has
 * its stored id. New HIGH tickets get one; a rewrite may make a skipped one due (reopened)
 * or a due one skipped (closed).
 */
export interface HighTicketWritten {
  ticket: IncomingTicket;
  classification: Classification;
}

export interface PagePlan {
  creates: TicketCreate[];
  rewrites: TicketRewrite[];
  history: HistoryEntry[];
  alerts: HighTicketWritten[];
  /** Per written ticket, the figures before and after (the roll-ups move by these). */
  changes: FactsChange[];
  counts: { created: number; updated: number; unchanged: number };
}

/** Fields whose changes are recorded in ticket_history (updatedAt itself is not news). */
const TRACKED_FIELDS = [
  'source',
  'customerId',
  'subject',
  'message',
  'status',
  'createdAt',
] as const;

function asText(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** What changed from the stored ticket to the incoming one; every field when it is new. */
export function fieldChanges(
  stored: StoredTicketState | null,
  incoming: IncomingTicket,
): FieldChange[] {
  return TRACKED_FIELDS.flatMap((field) => {
    const from = stored === null ? null : asText(stored[field]);
    const to = asText(incoming[field]);
    return from === to ? [] : [{ field, from, to }];
  });
}

/**
 * Change detection for one page of one tenant's tickets: new tickets are created, a stored
 * one is rewritten only when the provider's updated_at is newer (or on a full resync, or to
 * restore it), and every rewrite records its field-level changes. A person's correction of
 * a stored ticket's labels is kept.
 */
export function planPage(input: {
  incoming: IncomingTicket[];
  stored: Map<string, StoredTicketState>;
  full: boolean;
  classify: (ticket: IncomingTicket) => Classification;
}): PagePlan {
  const plan: PagePlan = {
    creates: [],
    rewrites: [],
    history: [],
    alerts: [],
    changes: [],
    counts: { created: 0, updated: 0, unchanged: 0 },
  };
  for (const ticket of input.incoming) {
    const stored = input.stored.get(ticket.externalId);
    if (stored === undefined) {
      const classification = input.classify(ticket);
      plan.creates.push({ ticket, classification });
      plan.changes.push({ from: null, to: factsOf(ticket, classification) });
      plan.history.push({
        externalId: ticket.externalId,
        action: ChangeAction.CREATED,
        changes: fieldChanges(null, ticket),
      });
      plan.counts.created += 1;
      if (classification.raisesAlert) plan.alerts.push({ ticket, classification });
      continue;
    }
    const newer = ticket.updatedAt.getTime() > stored.updatedAt.getTime();
    const restore = stored.deletedAt !== null;
    if (!newer && !restore && !input.full) {
      plan.counts.unchanged += 1;
      continue;
    }
    const classification = withCorrection(input.classify(ticket), stored.correction);
    const changes = fieldChanges(stored, ticket);
    plan.rewrites.push({
      id: stored.id,
      ticket,
      classification,
      expectedUpdatedAt: stored.updatedAt,
      restore,
      from: stored.facts,
    });
    // A rewrite leaves the ticket live (restored if it was deleted).
    plan.changes.push({ from: stored.facts, to: factsOf(ticket, classification) });
    if (restore) {
      const changes = [{ field: 'deletedAt', from: stored.deletedAt!.toISOString(), to: null }];
      plan.history.push({ externalId: ticket.externalId, action: ChangeAction.RESTORED, changes });
    }
    if (changes.length > 0)
      plan.history.push({ externalId: ticket.externalId, action: ChangeAction.UPDATED, changes });
    const relabelled = stored.facts === null ? [] : labelChanges(stored.facts, classification);
    if (relabelled.length > 0)
      plan.history.push({
        externalId: ticket.externalId,
        action: ChangeAction.RECLASSIFIED,
        changes: relabelled,
      });
    // Counted as updated only when something recorded changed: a provider whose updated_at
    // moves on every read (the original challenge's did) would otherwise report every
    // ticket as updated on every run while the history, rightly, shows nothing.
    if (restore || changes.length > 0) plan.counts.updated += 1;
    else plan.counts.unchanged += 1;
    if (classification.raisesAlert) plan.alerts.push({ ticket, classification });
  }
  return plan;
}
