import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/mongo/database.js';
import {
  ProviderBudget,
  type ProviderBudgetSettings,
} from '../../src/domain/budgets/provider-budget.js';
import { MongoBudgetLogStore } from '../../src/infra/mongo/rate-budget.repository.js';
import { connectTestDatabase } from '../support/databases.js';
import { until } from '../support/eventually.js';

describe('ProviderBudget over MongoDB, on the embedded engine', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDatabase('rate_budget');
  });
  afterAll(async () => {
    await db.close();
  });

  const budget = (key: string) =>
    new ProviderBudget(
      new MongoBudgetLogStore(
        { budgets: db.models.rateLimits, waiters: db.models.rateWaiters },
        key,
      ),
      SETTINGS,
    );

  // The margin covers the time from a grant to the moment the caller goes on (measured here).
  const SETTINGS: ProviderBudgetSettings = {
    limit: 5,
    windowMs: 1000,
    marginMs: 250,
    maxPollMs: 50,
  };

  it('never grants more than the limit in any rolling window, across two replicas', async () => {
    // Two instances on one document behave as two gateway processes.
    const replicas = [budget('shared'), budget('shared')];
    const started = Date.now();
    const grants = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        await replicas[i % 2]!.acquire('tenant_a');
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
    const paused = budget('paused');
    const pausedUntil = Date.now() + 700;
    await paused.pauseUntil(pausedUntil);
    expect(await paused.status()).toMatchObject({ remaining: 0, resetAt: new Date(pausedUntil) });
    await paused.acquire('tenant_a');
    expect(Date.now()).toBeGreaterThanOrEqual(pausedUntil);
    expect((await paused.status()).remaining).toBe(4);
  });

  it('stops waiting when the caller aborts', async () => {
    const aborted = budget('aborted');
    await aborted.pauseUntil(Date.now() + 10_000);
    await expect(aborted.acquire('tenant_a', AbortSignal.timeout(100))).rejects.toThrow();
  });

  it('serves waiting tenants in turn: a greedy one cannot starve another, across replicas', async () => {
    const replicas = [budget('fair'), budget('fair')];
    const grants: { claimant: string; at: number }[] = [];
    let stop = false;
    // Tenant A asks from four loops on both replicas; tenant B from one.
    const greedy = Array.from({ length: 4 }, async (_, i) => {
      while (!stop) {
        await replicas[i % 2]!.acquire('tenant_a');
        grants.push({ claimant: 'tenant_a', at: Date.now() });
      }
    });
    // A alone fills a window (5 a second) and waits for the next.
    await until(() => grants.length > 5, { timeoutMs: 10_000, intervalMs: 20 });
    const bStarted = Date.now();
    for (let i = 0; i < 6; i++) {
      await replicas[i % 2]!.acquire('tenant_b');
      grants.push({ claimant: 'tenant_b', at: Date.now() });
    }
    const bDone = Date.now();
    stop = true;
    await Promise.all(greedy);
    const whileBoth = grants.filter((g) => g.at > bStarted && g.at <= bDone);
    const ofB = whileBoth.filter((g) => g.claimant === 'tenant_b').length;
    expect(ofB).toBe(6);
    // Turns alternate; A may get one extra at each end of B's wait.
    expect(ofB / whileBoth.length).toBeGreaterThanOrEqual(0.45);
  });
});
