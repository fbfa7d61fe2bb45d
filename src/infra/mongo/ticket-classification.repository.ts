import { Types, type Model } from 'mongoose';
import type { Classification } from '../../domain/classification/classifier.js';
import type {
  ClassificationStore,
  TicketToClassify,
} from '../../domain/classification/reclassification.service.js';
import { classificationFields } from './classification-fields.js';
import type { TicketDoc } from './models/ticket.model.js';

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
      .find(filter, { subject: 1, message: 1 })
      .sort({ _id: 1 })
      .limit(query.limit)
      .lean<{ _id: Types.ObjectId; subject: string; message: string }[]>();
    return docs.map((doc) => ({ id: String(doc._id), subject: doc.subject, message: doc.message }));
  }

  async saveClassifications(
    updates: { id: string; classification: Classification }[],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    const result = await this.tickets.bulkWrite(
      updates.map(({ id, classification }) => ({
        updateOne: {
          filter: { _id: new Types.ObjectId(id) },
          update: { $set: classificationFields(classification) },
        },
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }
}
