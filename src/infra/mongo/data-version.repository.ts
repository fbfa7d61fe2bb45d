import type { Model } from 'mongoose';
import type { DataVersions } from '../../domain/stats/data-versions.js';
import type { DataVersionDoc } from './models/data-version.model.js';
import { isDuplicateKey } from './database-errors.js';

/** One small document per tenant; a bump is an upserted $inc, a read one indexed query. */
export class MongoDataVersions implements DataVersions {
  constructor(private readonly versions: Model<DataVersionDoc>) {}

  async bump(tenantIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(tenantIds)];
    if (ids.length === 0) return;
    const writes = ids.map((tenantId) => ({
      updateOne: {
        filter: { tenantId },
        update: { $inc: { version: 1 }, $set: { changedAt: new Date() } },
        upsert: true,
      },
    }));
    try {
      await this.versions.bulkWrite(writes, { ordered: false });
    } catch (error) {
      // Two first bumps of one tenant at once: one upsert loses the race; bump it again.
      if (!isDuplicateKey(error)) throw error;
      await this.versions.bulkWrite(writes, { ordered: false });
    }
  }

  async current(tenantIds: readonly string[]): Promise<Map<string, number>> {
    const docs = await this.versions
      .find({ tenantId: { $in: tenantIds } }, { tenantId: 1, version: 1 })
      .lean<{ tenantId: string; version: number }[]>();
    const found = new Map(docs.map((doc) => [doc.tenantId, doc.version]));
    return new Map(tenantIds.map((id) => [id, found.get(id) ?? 0]));
  }
}
