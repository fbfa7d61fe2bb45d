import { Types, type Model } from 'mongoose';
import type { CorrectionStore } from '../../domain/classification/correction.service.js';
import type { TicketRecord } from '../../domain/tickets/ticket-query.js';
import { ChangeAction } from '../../domain/tickets/ticket.types.js';
import { classificationFields } from './classification-fields.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { rollupStamp } from './ticket-facts.js';

/** Corrections: the ticket's labels and correction in one write, with its history entry. */
export class MongoCorrectionStore implements CorrectionStore {
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
}
