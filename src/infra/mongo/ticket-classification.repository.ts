import { Types, type Model } from 'mongoose';
import type {
  ClassificationStore,
  ClassificationUpdate,
  TicketToClassify,
} from '../../domain/classification/index.js';
import {
  ChangeAction,
  type TicketStatus,
  type Urgency,
} from '../../domain/tickets/ticket.types.js';
import {
  classificationFields,
  storedCorrection,
  storedRaisesAlert,
} from './classification-fields.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { CorrectionDoc, TicketDoc } from './models/ticket.model.js';
import { FACTS_PROJECTION, rollupStamp, storedFacts, type FactsFields } from './ticket-facts.js';

type Outdated = FactsFields & {
  _id: Types.ObjectId;
  tenantId: string;
  externalId: string;
  subject: string;
  message: string;
  status: TicketStatus;
  updatedAt: Date;
  classification: { urgency: Urgency; raisesAlert?: boolean };
  correction?: CorrectionDoc | null;
};

export class MongoClassificationStore implements ClassificationStore {
  constructor(
    private readonly tickets: Model<TicketDoc>,
    private readonly history: Model<TicketHistoryDoc>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async findOutdated(query: {
    rulesVersion: string;
    tenantId: string;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]> {
    const filter: Record<string, unknown> = {
      tenantId: query.tenantId,
      'classification.rulesVersion': { $ne: query.rulesVersion },
    };
    if (query.afterId !== null) filter._id = { $gt: new Types.ObjectId(query.afterId) };
    const docs = await this.tickets
      .find(filter, {
        ...FACTS_PROJECTION,
        tenantId: 1,
        externalId: 1,
        subject: 1,
        message: 1,
        updatedAt: 1,
        'classification.raisesAlert': 1,
        correction: 1,
      })
      .sort({ _id: 1 })
      .limit(query.limit)
      .lean<Outdated[]>();
    return docs.map((doc) => ({
      id: String(doc._id),
      tenantId: doc.tenantId,
      externalId: doc.externalId,
      subject: doc.subject,
      message: doc.message,
      raisesAlert: storedRaisesAlert(doc.classification),
      status: doc.status,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      facts: storedFacts(doc),
      correction: storedCorrection(doc),
    }));
  }

  async saveClassifications(
    tenantId: string,
    updates: ClassificationUpdate[],
    seq: number,
  ): Promise<number> {
    if (updates.length === 0) return 0;
    const result = await this.tickets.bulkWrite(
      updates.map(({ ticket, classification }) => ({
        updateOne: {
          filter: { tenantId, externalId: ticket.externalId },
          update: {
            $set: {
              ...classificationFields(classification),
              ...rollupStamp(seq, ticket.facts),
            },
          },
        },
      })),
      { ordered: false },
    );
    const relabelled = updates.filter((update) => update.changes.length > 0);
    if (relabelled.length > 0) {
      const at = this.now();
      await this.history.insertMany(
        relabelled.map(({ ticket, changes }) => ({
          tenantId,
          ticketId: new Types.ObjectId(ticket.id),
          externalId: ticket.externalId,
          at,
          action: ChangeAction.RECLASSIFIED,
          changes,
        })),
        { ordered: false },
      );
    }
    return result.modifiedCount;
  }
}
