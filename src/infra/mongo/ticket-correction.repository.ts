import { Types, type Model } from 'mongoose';
import type {
  CorrectedTicket,
  CorrectionSource,
  CorrectionStore,
} from '../../domain/classification/index.js';
import type { TicketRecord } from '../../domain/tickets/ticket-query.js';
import { ChangeAction } from '../../domain/tickets/ticket.types.js';
import { classificationFields, storedCorrection } from './classification-fields.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { rollupStamp } from './ticket-facts.js';

/**
 * Corrections: the ticket's labels and correction in one write, with its history entry; and
 * each tenant's latest corrected tickets, for the classifier's memory of them.
 */
export class MongoCorrectionStore implements CorrectionStore, CorrectionSource {
  constructor(
    private readonly tickets: Model<TicketDoc>,
    private readonly history: Model<TicketHistoryDoc>,
    /** The known tenants: the corrections are read one tenant at a time (shard-targeted). */
    private readonly tenantIds: () => Promise<string[]>,
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

  /** Each tenant's latest corrected live tickets, newest first: one targeted query per tenant. */
  async recent(perTenant: number): Promise<CorrectedTicket[]> {
    const out: CorrectedTicket[] = [];
    for (const tenantId of await this.tenantIds()) {
      const docs = await this.tickets
        .find({ tenantId, 'correction.at': { $ne: null }, deletedAt: null })
        .sort({ 'correction.at': -1 })
        .limit(perTenant)
        .select({ subject: 1, message: 1, correction: 1 })
        .lean();
      for (const doc of docs) {
        const correction = storedCorrection(doc);
        if (correction !== null)
          out.push({ tenantId, subject: doc.subject, message: doc.message, correction });
      }
    }
    return out;
  }
}
