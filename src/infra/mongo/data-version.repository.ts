import type { Model } from 'mongoose';
import type { DataVersions } from '../../domain/stats/data-versions.js';
import type { StatsHeadDoc } from './models/stats-head.model.js';

/** The versions live in the tenants' roll-up heads, bumped as an op releases its lease; a read is one indexed query. */
export class MongoDataVersions implements DataVersions {
  constructor(private readonly heads: Model<StatsHeadDoc>) {}

  async current(tenantIds: readonly string[]): Promise<Map<string, number>> {
    const docs = await this.heads
      .find({ tenantId: { $in: tenantIds } }, { tenantId: 1, version: 1 })
      .lean<{ tenantId: string; version: number }[]>();
    const found = new Map(docs.map((doc) => [doc.tenantId, doc.version]));
    return new Map(tenantIds.map((id) => [id, found.get(id) ?? 0]));
  }
}
