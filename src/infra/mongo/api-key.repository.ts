import { isValidObjectId, type Model, type Types } from 'mongoose';
import type { PageRequest } from '../../domain/pagination/page-args.js';
import type { Page } from '../../domain/pagination/page.js';
import { dateSort, paginate, type Filter } from './paginate.js';
import type { ApiKeyRecord, ApiKeyStore } from '../../domain/auth/api-key.service.js';
import type { ApiKeyDoc } from './models/api-key.model.js';

type StoredKey = ApiKeyDoc & { _id: Types.ObjectId };

function toRecord(doc: StoredKey): ApiKeyRecord {
  return {
    id: String(doc._id),
    name: doc.name,
    tenantId: doc.tenantId ?? null,
    isAdmin: doc.isAdmin,
    trustedDocumentsOnly: doc.trustedDocumentsOnly ?? false,
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt ?? null,
  };
}

export class MongoApiKeyStore implements ApiKeyStore {
  constructor(private readonly keys: Model<ApiKeyDoc>) {}

  async findByHash(secretHash: string): Promise<ApiKeyRecord | null> {
    const doc = await this.keys.findOne({ secretHash }).lean<StoredKey>();
    return doc === null ? null : toRecord(doc);
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.keys.findById(id).lean<StoredKey>();
    return doc === null ? null : toRecord(doc);
  }

  async findActiveIds(ids: string[]): Promise<Set<string>> {
    const valid = ids.filter((id) => isValidObjectId(id));
    const docs = await this.keys
      .find({ _id: { $in: valid }, revokedAt: null }, { _id: 1 })
      .lean<{ _id: unknown }[]>();
    return new Set(docs.map((doc) => String(doc._id)));
  }

  async insert(
    key: Omit<ApiKeyRecord, 'id' | 'revokedAt'> & { secretHash: string },
  ): Promise<ApiKeyRecord> {
    const doc = await this.keys.create({ ...key, revokedAt: null });
    return toRecord(doc.toObject() as StoredKey);
  }

  async revoke(id: string, at: Date): Promise<ApiKeyRecord | null> {
    if (!isValidObjectId(id)) return null;
    await this.keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
    return this.findById(id);
  }

  async list(page: PageRequest, includeRevoked: boolean): Promise<Page<ApiKeyRecord>> {
    const filter: Filter = includeRevoked ? {} : { revokedAt: null };
    const result = await paginate<StoredKey>(
      this.keys as unknown as Model<unknown>,
      filter,
      dateSort('apiKeys', 'createdAt', -1, (key) => key.createdAt),
      page,
    );
    return {
      ...result,
      items: result.items.map(({ node, cursor }) => ({ node: toRecord(node), cursor })),
    };
  }

  async upsertAdmin(name: string, secretHash: string, at: Date): Promise<ApiKeyRecord> {
    const doc = await this.keys
      .findOneAndUpdate(
        { name, isAdmin: true, tenantId: null },
        { $set: { secretHash, revokedAt: null }, $setOnInsert: { createdAt: at } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<StoredKey>();
    return toRecord(doc!);
  }
}
