import { Types, type Model } from 'mongoose';
import type {
  ClassificationStore,
  ClassificationUpdate,
  TicketToClassify,
} from '../../domain/classification/reclassification.service.js';
import type { TicketStatus, Urgency } from '../../domain/tickets/ticket.types.js';
import { classificationFields } from './classification-fields.js';
import type { TicketDoc } from './models/ticket.model.js';

type Outdated = {
  _id: Types.ObjectId;
  tenantId: string;
  externalId: string;
  subject: string;
  message: string;
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
  classification: { urgency: Urgency };
};

export class MongoClassificationStore implements ClassificationStore {
  constructor(private readonly tickets: Model<TicketDoc>) {}

  async findOutdated(query: {
    rulesVersion: string;
    tenantId: string | null;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]> {
    const filter: Record<string, unknown> = {
      'classification.rulesVersion': { $ne: query.rulesVersion },
    };
    if (query.tenantId !== null) filter.tenantId = query.tenantId;
    if (query.afterId !== null) filter._id = { $gt: new Types.ObjectId(query.afterId) };
    const docs = await this.tickets
      .find(filter, {
        tenantId: 1,
        externalId: 1,
        subject: 1,
        message: 1,
        status: 1,
        createdAt: 1,
        updatedAt: 1,
        'classification.urgency': 1,
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
      urgency: doc.classification.urgency,
      status: doc.status,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    }));
  }

  async saveClassifications(updates: ClassificationUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const result = await this.tickets.bulkWrite(
      updates.map(({ ticket, classification }) => ({
        updateOne: {
          filter: { _id: new Types.ObjectId(ticket.id) },
          update: { $set: classificationFields(classification) },
        },
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }
}
