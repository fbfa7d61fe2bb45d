import type { Model } from 'mongoose';
import type { LockAttempt, LockRecord, LockStore } from '../../domain/ingestion/ports.js';
import { isDuplicateKey } from './database-errors.js';
import type { LockDoc } from './models/lock.model.js';

function toRecord(doc: LockDoc): LockRecord {
  return {
    key: doc._id,
    owner: doc.owner,
    runId: doc.runId ?? null,
    acquiredAt: doc.acquiredAt,
    expiresAt: doc.expiresAt,
  };
}

/**
 * Leases on MongoDB atomics: acquisition is one findOneAndUpdate that matches the key only
 * when its lease has expired, with upsert; when the key exists and is live, the upsert hits
 * the unique _id and fails, so exactly one caller wins.
 */
export class MongoLockStore implements LockStore {
  constructor(
    private readonly locks: Model<LockDoc>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async tryAcquire(key: string, owner: string, runId: string, ttlMs: number): Promise<LockAttempt> {
    const now = this.now();
    try {
      const previous = await this.locks
        .findOneAndUpdate(
          { _id: key, expiresAt: { $lte: now } },
          { $set: { owner, runId, acquiredAt: now, expiresAt: new Date(now.getTime() + ttlMs) } },
          { upsert: true, returnDocument: 'before' },
        )
        .lean<LockDoc>();
      return { acquired: true, previousRunId: previous?.runId ?? null };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return { acquired: false, holder: await this.find(key) };
    }
  }

  async renew(key: string, owner: string, runId: string, ttlMs: number): Promise<boolean> {
    const result = await this.locks.updateOne(
      { _id: key, owner, runId },
      { $set: { expiresAt: new Date(this.now().getTime() + ttlMs) } },
    );
    return result.matchedCount === 1;
  }

  async release(key: string, owner: string, runId: string): Promise<void> {
    await this.locks.deleteOne({ _id: key, owner, runId });
  }

  /** The lock as stored; an expired one is reported as absent. */
  async find(key: string): Promise<LockRecord | null> {
    const doc = await this.locks
      .findOne({ _id: key, expiresAt: { $gt: this.now() } })
      .lean<LockDoc>();
    return doc === null ? null : toRecord(doc);
  }
}
