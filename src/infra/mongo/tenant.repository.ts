import type { Model, Types } from 'mongoose';
import type { PageRequest } from '../../domain/pagination/page-args.js';
import type { Page } from '../../domain/pagination/page.js';
import { TenantOrigin, type TenantRecord, type TenantStore } from '../../domain/tenants/ports.js';
import type { ApiKeyDoc } from './models/api-key.model.js';
import type { TenantDoc } from './models/tenant.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { dateSort, paginate, type Filter } from './paginate.js';
import { isDuplicateKey } from './database-errors.js';

type StoredTenant = TenantDoc & { _id: Types.ObjectId };

function toRecord(doc: StoredTenant): TenantRecord {
  return {
    id: doc.tenantId,
    name: doc.name ?? null,
    origin: doc.origin,
    knownSince: doc.knownSince,
  };
}

export class MongoTenantStore implements TenantStore {
  constructor(
    private readonly tenants: Model<TenantDoc>,
    private readonly sources: { tickets: Model<TicketDoc>; apiKeys: Model<ApiKeyDoc> },
  ) {}

  async find(id: string): Promise<TenantRecord | null> {
    const doc = await this.tenants.findOne({ tenantId: id }).lean<StoredTenant>();
    return doc === null ? null : toRecord(doc);
  }

  async list(page: PageRequest, only: string | null): Promise<Page<TenantRecord>> {
    const filter: Filter = only === null ? {} : { tenantId: only };
    const result = await paginate<StoredTenant>(
      this.tenants as unknown as Model<unknown>,
      filter,
      dateSort('tenants', 'knownSince', 1, (tenant) => tenant.knownSince),
      page,
    );
    return {
      ...result,
      items: result.items.map(({ node, cursor }) => ({ node: toRecord(node), cursor })),
    };
  }

  async ids(): Promise<string[]> {
    const docs = await this.tenants.find({}, { tenantId: 1 }).lean<{ tenantId: string }[]>();
    return docs.map((doc) => doc.tenantId);
  }

  async register(id: string, name: string | null, at: Date): Promise<TenantRecord> {
    const update = {
      $setOnInsert: { origin: TenantOrigin.REGISTERED, knownSince: at },
      ...(name === null ? {} : { $set: { name } }),
    };
    // Two concurrent upserts of one new id: the loser's insert hits the unique index; the
    // tenant exists then, so a second try updates it.
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await this.tenants
          .findOneAndUpdate({ tenantId: id }, update, { upsert: true, returnDocument: 'after' })
          .lean<StoredTenant>();
        return toRecord(doc!);
      } catch (error) {
        if (!isDuplicateKey(error) || attempt === 2) throw error;
      }
    }
  }

  async recordSeen(id: string, at: Date): Promise<void> {
    await this.insertMissing([id], TenantOrigin.SEEN_BY_SWEEP, at);
  }

  async adoptExisting(at: Date): Promise<number> {
    const [fromTickets, fromKeys] = await Promise.all([
      this.sources.tickets.distinct('tenantId'),
      this.sources.apiKeys.distinct('tenantId', { tenantId: { $ne: null } }),
    ]);
    const ids = [...new Set([...fromTickets, ...fromKeys].map(String))];
    return this.insertMissing(ids, TenantOrigin.SEEN_BY_SWEEP, at);
  }

  private async insertMissing(ids: string[], origin: TenantOrigin, at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const writes = ids.map((tenantId) => ({
      updateOne: {
        filter: { tenantId },
        update: { $setOnInsert: { tenantId, origin, knownSince: at, name: null } },
        upsert: true,
      },
    }));
    try {
      const result = await this.tenants.bulkWrite(writes, { ordered: false });
      return result.upsertedCount;
    } catch (error) {
      // Another replica inserted the same tenant at the same moment: it is known either way.
      if (isDuplicateKey(error)) return 0;
      throw error;
    }
  }
}
