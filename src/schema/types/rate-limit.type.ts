import { Field, Int, ObjectType } from 'type-graphql';
import type { BudgetState } from '../../domain/budgets/key-budget.js';

@ObjectType('RateLimit', {
  description:
    "The caller's key budget: a bucket of query-cost points shared by every replica, refilled continuously. Each operation is charged its estimated cost before it runs (this one included).",
})
export class RateLimitType {
  @Field(() => Int, { description: 'What this operation was charged.' })
  cost!: number;

  @Field(() => Int, { description: 'Points the bucket holds when full.' })
  limit!: number;

  @Field(() => Int, { description: 'Points left after this operation.' })
  remaining!: number;

  @Field(() => Date, { description: 'When the bucket is full again.' })
  resetAt!: Date;

  @Field(() => Int, { description: 'Points restored each second.' })
  restorePerSecond!: number;

  @Field(() => Int, { description: 'Requests this key may have running at once, per replica.' })
  maxConcurrent!: number;

  static from(state: BudgetState): RateLimitType {
    return Object.assign(new RateLimitType(), state);
  }
}
