import type { Model } from 'mongoose';
import type { BudgetLedger, Spend } from '../../domain/budgets/ports.js';
import { isDuplicateKey } from './database-errors.js';
import type { KeyBudgetDoc } from './models/key-budget.model.js';

/**
 * Key budgets in MongoDB, shared by every replica, with no retry loop:
 * - a live bucket (tat ahead of now: a key in use) moves forward by $inc, matched only
 *   while the result stays within the tolerance;
 * - a full bucket (tat in the past, or no document) restarts from now, by an upsert that
 *   matches only a past tat, so a live bucket makes it fail on the unique _id.
 * The caller's hint picks which is tried first (one round trip when it is right); when
 * the first fails the other is tried, and when the upsert found the bucket live (another
 * request got there first) the $inc once more. Otherwise the spend is refused and the
 * stored tat read for Retry-After. Each replica uses its own clock; skew between replicas
 * shifts a bucket by the skew.
 */
export class MongoBudgetLedger implements BudgetLedger {
  constructor(private readonly budgets: Model<KeyBudgetDoc>) {}

  async spend(
    keyId: string,
    { now, spendMs, toleranceMs, likelyLive }: Spend,
  ): Promise<{ granted: boolean; tat: number }> {
    const fullBy = { fullBy: new Date(now + toleranceMs) };
    const moveLive = async () => {
      const moved = await this.budgets
        .findOneAndUpdate(
          { _id: keyId, tat: { $gte: now, $lte: now + toleranceMs - spendMs } },
          { $inc: { tat: spendMs }, $set: fullBy },
          { returnDocument: 'after' },
        )
        .lean<KeyBudgetDoc>();
      return moved?.tat ?? null;
    };
    /** The new tat; null when the bucket was live after all. */
    const restart = async () => {
      try {
        const restarted = await this.budgets
          .findOneAndUpdate(
            { _id: keyId, tat: { $lt: now } },
            { $set: { tat: now + spendMs, ...fullBy } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<KeyBudgetDoc>();
        return restarted!.tat;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return null;
      }
    };
    if (spendMs <= toleranceMs) {
      const tat = likelyLive
        ? ((await moveLive()) ?? (await restart()) ?? (await moveLive()))
        : ((await restart()) ?? (await moveLive()));
      if (tat !== null) return { granted: true, tat };
    }
    const current = await this.budgets.findById(keyId).lean<KeyBudgetDoc>();
    return { granted: false, tat: current?.tat ?? now };
  }

  async refund(keyId: string, spendMs: number): Promise<void> {
    await this.budgets.updateOne({ _id: keyId }, { $inc: { tat: -spendMs } });
  }
}
