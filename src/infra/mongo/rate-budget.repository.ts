import type { Model } from 'mongoose';
import type {
  BudgetLog,
  BudgetLogStore,
  BudgetWaiter,
} from '../../domain/budgets/provider-budget.js';
import type { RateLimitDoc } from './models/rate-limit.model.js';
import type { RateWaiterDoc } from './models/rate-waiter.model.js';

/**
 * A budget's log in one MongoDB document (`rate_limits`, by budget name), and its waiters
 * in `rate_waiters`: the storage of ProviderBudget, whose policy (the sliding window, the
 * turns) lives in the domain. Every change is one atomic operation.
 */
export class MongoBudgetLogStore implements BudgetLogStore {
  constructor(
    private readonly store: { budgets: Model<RateLimitDoc>; waiters: Model<RateWaiterDoc> },
    /** The budget's name (one document). */
    private readonly key: string,
  ) {}

  async load(): Promise<BudgetLog> {
    const doc = await this.store.budgets
      .findOneAndUpdate(
        { _id: this.key },
        { $setOnInsert: { grants: [], pausedUntil: 0, lastClaimant: '', version: 0 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<BudgetLog>();
    const { grants, pausedUntil, lastClaimant, version } = doc!;
    return { grants, pausedUntil, lastClaimant, version };
  }

  async swapGrants(version: number, grants: number[], lastClaimant: string): Promise<boolean> {
    const taken = await this.store.budgets.updateOne(
      { _id: this.key, version },
      { $set: { grants, lastClaimant, version: version + 1 } },
    );
    return taken.modifiedCount === 1;
  }

  async pauseUntil(untilMs: number): Promise<void> {
    await this.load();
    await this.store.budgets.updateOne(
      { _id: this.key, pausedUntil: { $lt: untilMs } },
      { $set: { pausedUntil: untilMs }, $inc: { version: 1 } },
    );
  }

  async waiters(claimant: string, seenSince: number): Promise<BudgetWaiter[]> {
    const found = await this.store.waiters
      .find({ budget: this.key, $or: [{ claimant }, { seenAt: { $gt: seenSince } }] })
      .lean<RateWaiterDoc[]>();
    return found.map(({ claimant, seenAt, lastGrantAt }) => ({ claimant, seenAt, lastGrantAt }));
  }

  async markWaiter(
    claimant: string,
    fields: Partial<Pick<BudgetWaiter, 'seenAt' | 'lastGrantAt'>>,
  ): Promise<void> {
    await this.store.waiters.updateOne(
      { _id: `${this.key}:${claimant}` },
      { $set: { ...fields, budget: this.key, claimant } },
      { upsert: true },
    );
  }
}
