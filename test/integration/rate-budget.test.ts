import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/mongo/database.js';
import {
  MongoRateBudget,
  type RateBudgetOptions,
} from '../../src/infra/mongo/rate-budget.repository.js';
import { connectTestDatabase } from '../support/databases.js';

describe('MongoRateBudget on the embedded engine', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDatabase('rate_budget');
  });
  afterAll(async () => {
    await db.close();
  });

  // The margin covers the time from a grant to the moment the caller goes on (measured here).
  const options = (key: string): RateBudgetOptions => ({
    key,
    limit: 5,
    windowMs: 1000,
    marginMs: 250,
    maxPollMs: 50,
  });

  it('never grants more than the limit in any rolling window, across two replicas', async () => {
    // Two instances on one document behave as two gateway processes.
    const replicas = [
      new MongoRateBudget(db.models.rateLimits, options('shared')),
      new MongoRateBudget(db.models.rateLimits, options('shared')),
    ];
    const started = Date.now();
    const grants = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        await replicas[i % 2]!.acquire();
        return Date.now();
      }),
    );
    grants.sort((a, b) => a - b);
    for (const at of grants) {
      expect(grants.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(
        5,
      );
    }
    // 16 calls at 5 per second need at least three full windows after the first burst.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('stops every caller until a 429 pause is over, and reports it', async () => {
    const budget = new MongoRateBudget(db.models.rateLimits, options('paused'));
    const until = Date.now() + 700;
    await budget.pauseUntil(until);
    expect(await budget.status()).toMatchObject({ remaining: 0, resetAt: new Date(until) });
    await budget.acquire();
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect((await budget.status()).remaining).toBe(4);
  });

  it('stops waiting when the caller aborts', async () => {
    const budget = new MongoRateBudget(db.models.rateLimits, options('aborted'));
    await budget.pauseUntil(Date.now() + 10_000);
    await expect(budget.acquire(AbortSignal.timeout(100))).rejects.toThrow();
  });
});
