import { isValidObjectId, Types, type Model } from 'mongoose';
import { ACTIVE_STATUSES, IngestionStatus } from '../../domain/ingestion/ingestion.types.js';
import {
  zeroCounters,
  type RunCounters,
  type RunRecord,
  type RunStore,
} from '../../domain/ingestion/ports.js';
import type { PageRequest } from '../../domain/pagination/page-args.js';
import type { Page } from '../../domain/pagination/page.js';
import { dateSort, paginate, type Filter } from './paginate.js';
import type { IngestionRunDoc } from './models/ingestion-run.model.js';

type StoredRun = IngestionRunDoc & { _id: Types.ObjectId };

export function toRunRecord(doc: StoredRun): RunRecord {
  const p = doc.progress ?? {};
  // Counters missing from older documents read as zero.
  const counters = zeroCounters();
  for (const key of Object.keys(counters) as (keyof RunCounters)[]) counters[key] = p[key] ?? 0;
  return {
    id: String(doc._id),
    tenantId: doc.tenantId,
    status: doc.status,
    requestedBy: doc.requestedBy,
    full: doc.full ?? false,
    queuedAt: doc.queuedAt,
    startedAt: doc.startedAt ?? null,
    finishedAt: doc.finishedAt ?? null,
    progress: {
      ...counters,
      totalPages: p.totalPages ?? null,
      waitingForProviderUntil: p.waitingForProviderUntil ?? null,
    },
    error: doc.error ?? null,
    executor: doc.executor ?? null,
  };
}

export class MongoRunStore implements RunStore {
  constructor(private readonly runs: Model<IngestionRunDoc>) {}

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(run: RunRecord): Promise<void> {
    await this.runs.create({
      _id: new Types.ObjectId(run.id),
      tenantId: run.tenantId,
      status: run.status,
      requestedBy: run.requestedBy,
      full: run.full,
      queuedAt: run.queuedAt,
      progress: { ...run.progress, totalPages: run.progress.totalPages ?? undefined },
    });
  }

  async remove(id: string): Promise<void> {
    await this.runs.deleteOne({ _id: id });
  }

  async findById(id: string): Promise<RunRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.runs.findById(id).lean<StoredRun>();
    return doc === null ? null : toRunRecord(doc);
  }

  async findMany(ids: string[]): Promise<RunRecord[]> {
    const valid = ids.filter((id) => isValidObjectId(id));
    const docs = await this.runs.find({ _id: { $in: valid } }).lean<StoredRun[]>();
    return docs.map(toRunRecord);
  }

  markRunning(id: string, executor: string, at: Date): Promise<RunRecord | null> {
    return this.update(
      { _id: id, status: IngestionStatus.QUEUED },
      { $set: { status: IngestionStatus.RUNNING, startedAt: at, executor } },
    );
  }

  addProgress(
    id: string,
    delta: Partial<RunCounters>,
    totalPages?: number,
  ): Promise<RunRecord | null> {
    const inc = Object.fromEntries(
      Object.entries(delta)
        .filter(([, value]) => value !== 0)
        .map(([key, value]) => [`progress.${key}`, value]),
    );
    const set = totalPages === undefined ? {} : { 'progress.totalPages': totalPages };
    return this.update(
      { _id: id },
      { $inc: inc, $set: { ...set, 'progress.waitingForProviderUntil': null } },
    );
  }

  async waitingForProvider(id: string, until: Date): Promise<void> {
    await this.runs.updateOne({ _id: id }, { $set: { 'progress.waitingForProviderUntil': until } });
  }

  async requestCancel(id: string): Promise<RunRecord | null> {
    if (!isValidObjectId(id)) return null;
    await this.runs.updateOne(
      { _id: id, status: { $in: [IngestionStatus.QUEUED, IngestionStatus.RUNNING] } },
      { $set: { status: IngestionStatus.CANCELLING } },
    );
    return this.findById(id);
  }

  async finish(
    id: string,
    status: IngestionStatus,
    error: string | null,
    at: Date,
  ): Promise<RunRecord | null> {
    const finished = await this.update(
      { _id: id, status: { $in: [...ACTIVE_STATUSES] } },
      { $set: { status, error, finishedAt: at, 'progress.waitingForProviderUntil': null } },
    );
    return finished ?? this.findById(id);
  }

  async lastFullRunAt(tenantId: string): Promise<Date | null> {
    const doc = await this.runs
      .findOne({ tenantId, full: true }, { queuedAt: 1 })
      .sort({ queuedAt: -1 })
      .lean<{ queuedAt: Date }>();
    return doc?.queuedAt ?? null;
  }

  async findUnfinished(): Promise<RunRecord[]> {
    const docs = await this.runs
      .find({ status: { $in: [...ACTIVE_STATUSES] } })
      .lean<StoredRun[]>();
    return docs.map(toRunRecord);
  }

  async list(
    tenantId: string,
    statuses: IngestionStatus[],
    page: PageRequest,
  ): Promise<Page<RunRecord>> {
    const filter: Filter = { tenantId };
    if (statuses.length > 0) filter.status = { $in: statuses };
    const result = await paginate<StoredRun>(
      this.runs as unknown as Model<unknown>,
      filter,
      dateSort('ingestionRuns', 'queuedAt', -1, (run) => run.queuedAt),
      page,
    );
    return {
      ...result,
      items: result.items.map(({ node, cursor }) => ({ node: toRunRecord(node), cursor })),
    };
  }

  private async update(
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<RunRecord | null> {
    const doc = await this.runs
      .findOneAndUpdate(filter, update, { returnDocument: 'after' })
      .lean<StoredRun>();
    return doc === null ? null : toRunRecord(doc);
  }
}
