import { Types, type Model } from 'mongoose';
import type {
  CorrectedTicket,
  CorrectionSource,
} from '../../domain/classification/correction-memory.js';
import type { CorrectionStore } from '../../domain/classification/correction.service.js';
import type { TicketRecord } from '../../domain/tickets/ticket-query.js';
import { ChangeAction } from '../../domain/tickets/ticket.types.js';
import { classificationFields, storedCorrection } from './classification-fields.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { rollupStamp } from './ticket-facts.js';

/** Corrected tickets read at once at most, over all tenants (the memory keeps each tenant's latest). */
const MAX_RECENT = 20_000;

/**
 * Corrections: the ticket's labels and correction in one write, with its history entry; and
 * the latest corrected tickets, for the classifier's memory of them.
 */
export class MongoCorrectionStore implements CorrectionStore, CorrectionSource {
  constructor(
    private readonly tickets: Model<TicketDoc>,
    private readonly history: Model<TicketHistoryDoc>,
  ) {}

  async save(
    ticket: TicketRecord,
    update: Parameters<CorrectionStore['save']>[1],
    seq: number,
  ): Promise<void> {
    const { tenantId, externalId } = ticket;
    await this.tickets.updateOne(
      { tenantId, externalId },
      {
        $set: {
          ...classificationFields(update.classification),
          correction: update.correction,
          ...rollupStamp(seq, update.countedBefore),
        },
      },
    );
    await this.history.create({
      tenantId,
      ticketId: new Types.ObjectId(ticket.id),
      externalId,
      at: update.correction.at,
      action: ChangeAction.CORRECTED,
      changes: update.changes,
      by: update.correction.by,
      ...(update.correction.note === null ? {} : { note: update.correction.note }),
    });
  }

  /** Untargeted (every tenant's), newest first: a replica reads it every 30 s. */
  async recent(perTenant: number): Promise<CorrectedTicket[]> {
    const docs = await this.tickets
      .find({ 'correction.at': { $ne: null }, deletedAt: null })
      .sort({ 'correction.at': -1 })
      .limit(MAX_RECENT)
      .select({ tenantId: 1, subject: 1, message: 1, correction: 1 })
      .lean();
    const kept = new Map<string, number>();
    const out: CorrectedTicket[] = [];
    for (const doc of docs) {
      const correction = storedCorrection(doc);
      const count = kept.get(doc.tenantId) ?? 0;
      if (correction === null || count >= perTenant) continue;
      kept.set(doc.tenantId, count + 1);
      out.push({ tenantId: doc.tenantId, subject: doc.subject, message: doc.message, correction });
    }
    return out;
  }
}
