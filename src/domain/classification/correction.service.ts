import type { Principal } from '../auth/principal.js';
import { highTicket, needsAlert } from '../alerting/alert-policy.js';
import { NotificationSkipReason } from '../alerting/alert.types.js';
import type { AlertQueue } from '../alerting/ports.js';
import type { StatsWriter } from '../stats/rollup-ports.js';
import { factsOf, type StatsFacts } from '../stats/ticket-facts.js';
import type { TicketQueryService, TicketRecord } from '../tickets/ticket-query.js';
import {
  Urgency,
  type Classification,
  type FieldChange,
  type LabelCorrection,
  type Sentiment,
} from '../tickets/ticket.types.js';
import { UserErrorCode, type UserError } from '../user-error.js';
import { labelChanges, mergeCorrections, repeatsCorrection, withCorrection } from './correction.js';

export const MAX_NOTE_LENGTH = 500;

/** Storage port: a ticket's corrected classification, with its history entry. */
export interface CorrectionStore {
  /** Writes as roll-up op `seq`, with what the figures counted of the ticket before. */
  save(
    ticket: TicketRecord,
    update: {
      classification: Classification;
      correction: LabelCorrection;
      changes: FieldChange[];
      countedBefore: StatsFacts | null;
    },
    seq: number,
  ): Promise<void>;
}

export interface CorrectionInput {
  ticketId: string;
  urgency?: Urgency | null;
  sentiment?: Sentiment | null;
  requiresAction?: boolean | null;
  note?: string | null;
}

/** Refused: one user error per problem found (the input's and the ticket's together). */
export type CorrectionResult =
  { ok: true; ticket: TicketRecord } | { ok: false; errors: UserError[] };

/**
 * A person's correction of a ticket's labels (a tenant key on its own tickets, or an admin):
 * sticky (ingestion and re-classification keep it), audited in the ticket's history,
 * counted in the figures at once (a roll-up op), and the alert decided again: a ticket
 * corrected to HIGH is alerted once, one corrected away from HIGH is not sent.
 */
export class CorrectionService {
  constructor(
    private readonly store: CorrectionStore,
    private readonly rollups: StatsWriter,
    private readonly alerts: AlertQueue,
    private readonly tickets: Pick<TicketQueryService, 'get'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async correct(caller: Principal, input: CorrectionInput): Promise<CorrectionResult> {
    const labels = {
      urgency: input.urgency ?? null,
      sentiment: input.sentiment ?? null,
      requiresAction: input.requiresAction ?? null,
    };
    const errors: UserError[] = [];
    if (Object.values(labels).every((label) => label === null))
      errors.push({
        code: UserErrorCode.INVALID_INPUT,
        message: 'Give at least one label to correct: urgency, sentiment or requiresAction.',
        field: ['urgency'],
      });
    const note = input.note?.trim() || null;
    if (note !== null && note.length > MAX_NOTE_LENGTH)
      errors.push({
        code: UserErrorCode.INVALID_INPUT,
        message: `note may hold at most ${MAX_NOTE_LENGTH} characters.`,
        field: ['note'],
      });
    const found = await this.tickets.get(caller, input.ticketId);
    if (found === null)
      errors.push({
        code: UserErrorCode.NOT_FOUND,
        message: 'No such ticket.',
        field: ['ticketId'],
      });
    if (found === null || errors.length > 0) return { ok: false, errors };
    if (repeatsCorrection(found.correction, { ...labels, note }))
      return { ok: true, ticket: found };

    const { before, after, ticket } = await this.rollups.write(found.tenantId, async (seq) => {
      // Read again under the tenant's roll-up lease: what the figures count of it now.
      const ticket = (await this.tickets.get(caller, found.id))!;
      const correction = mergeCorrections(ticket.correction, {
        ...labels,
        note,
        by: caller.keyName,
        at: this.now(),
      });
      const before = ticket.classification;
      const after = withCorrection(uncorrected(before), correction);
      const countedBefore = factsOf(ticket, before);
      const changes = labelChanges(before, after);
      await this.store.save(
        ticket,
        { classification: after, correction, changes, countedBefore },
        seq,
      );
      return {
        changes: [{ from: countedBefore, to: factsOf(ticket, after) }],
        result: { before, after, ticket },
      };
    });
    if (needsAlert(before.raisesAlert, after))
      await this.alerts.recordHighTickets([
        highTicket({ ...ticket, deleted: ticket.deletedAt !== null }, after),
      ]);
    if (before.raisesAlert && !after.raisesAlert)
      await this.alerts.withdraw([ticket], NotificationSkipReason.CORRECTED);
    return { ok: true, ticket: (await this.tickets.get(caller, ticket.id))! };
  }
}

/** The classification without an earlier correction's signal (it is written afresh). */
function uncorrected(classification: Classification): Classification {
  return {
    ...classification,
    signals: classification.signals.filter((signal) => !signal.startsWith('corrected by')),
  };
}
