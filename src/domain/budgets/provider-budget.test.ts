import { describe, expect, it } from 'vitest';
import { budgetLogStoreContract } from '../../../test/support/contracts/budget-log-store.contract.js';
import { InMemoryBudgetLogStore } from '../../../test/support/fakes.js';
import {
  budgetStatus,
  hasTurn,
  outlook,
  ProviderBudget,
  type BudgetLog,
} from './provider-budget.js';

const log = (grants: number[], pausedUntil = 0): BudgetLog => ({
  grants,
  pausedUntil,
  lastClaimant: '',
  version: 0,
});

describe('the sliding window', () => {
  it('has a free slot while fewer than the limit of grants lie within the window', () => {
    expect(outlook(log([100, 200]), 1000, 3, 1000)).toEqual({ kind: 'free' });
    // Grants older than the window no longer count.
    expect(outlook(log([0, 100, 200, 900]), 1150, 3, 1000)).toEqual({ kind: 'free' });
  });

  it('is full until the oldest of the last `limit` grants leaves the window', () => {
    expect(outlook(log([100, 200, 300]), 1000, 3, 1000)).toEqual({ kind: 'full', waitMs: 100 });
    expect(outlook(log([100, 200, 300, 400]), 1000, 3, 1000)).toEqual({
      kind: 'full',
      waitMs: 200,
    });
  });

  it('is paused until the pause ends, whatever the grants', () => {
    expect(outlook(log([], 5000), 1000, 3, 1000)).toEqual({ kind: 'paused', waitMs: 4000 });
  });

  it('reports the remaining slots and when the next frees (or the pause ends)', () => {
    const settings = { limit: 3, windowMs: 1000, keptMs: 1000 };
    expect(budgetStatus(log([100, 200]), 1000, settings)).toEqual({
      limitPerMinute: 180,
      remaining: 1,
      resetAt: new Date(1100),
    });
    expect(budgetStatus(log([100], 4000), 1000, settings)).toMatchObject({
      remaining: 0,
      resetAt: new Date(4000),
    });
  });
});

describe('turns between claimants', () => {
  const waiter = (claimant: string, lastGrantAt: number) => ({ claimant, seenAt: 1, lastGrantAt });

  it('is always the turn of a claimant waiting alone', () => {
    expect(hasTurn('a', 'a', [waiter('a', 900)])).toBe(true);
  });

  it('gives the slot to another waiting claimant after this one was served', () => {
    expect(hasTurn('a', 'a', [waiter('a', 900), waiter('b', 100)])).toBe(false);
    expect(hasTurn('b', 'a', [waiter('a', 900), waiter('b', 100)])).toBe(true);
  });

  it('serves the claimant served least recently first (round robin)', () => {
    const known = [waiter('a', 500), waiter('b', 300), waiter('c', 400)];
    expect(['a', 'b', 'c'].filter((claimant) => hasTurn(claimant, 'x', known))).toEqual(['b']);
  });
});

describe('ProviderBudget over the in-memory store', () => {
  const settings = { limit: 3, windowMs: 200, marginMs: 0, maxPollMs: 10 };

  it('never grants more than the limit within any window', async () => {
    // Every grant as the budget took it.
    const grants: number[] = [];
    const store = new InMemoryBudgetLogStore();
    const swap = store.swapGrants.bind(store);
    store.swapGrants = async (version, live, claimant) => {
      const taken = await swap(version, live, claimant);
      if (taken) grants.push(live.at(-1)!);
      return taken;
    };
    const budget = new ProviderBudget(store, settings);
    for (let i = 0; i < 7; i++) await budget.acquire('a');
    expect(grants).toHaveLength(7);
    for (const at of grants)
      expect(grants.filter((other) => other >= at && other < at + 200).length).toBeLessThanOrEqual(
        3,
      );
  });

  it('serves two claimants in turn when both wait', async () => {
    const budget = new ProviderBudget(new InMemoryBudgetLogStore(), settings);
    const served: string[] = [];
    for (let i = 0; i < 3; i++) await budget.acquire('a'); // a fills the window
    await Promise.all(
      ['a', 'b'].map(async (claimant) => {
        for (let i = 0; i < 3; i++) {
          await budget.acquire(claimant);
          served.push(claimant);
        }
      }),
    );
    // Alternating: neither gets two slots in a row while the other waits.
    expect(served.slice(0, 4).join('')).toMatch(/^(abab|baba)$/);
  });

  it('tells once when it waits for the window, and until when', async () => {
    const budget = new ProviderBudget(new InMemoryBudgetLogStore(), { ...settings, maxPollMs: 5 });
    for (let i = 0; i < 3; i++) await budget.acquire('a');
    const told: Date[] = [];
    await budget.acquire('a', undefined, (until) => told.push(until));
    expect(told).toHaveLength(1);
    expect(told[0]!.getTime()).toBeGreaterThan(Date.now() - 200);
  });
});

budgetLogStoreContract('in memory', async () => new InMemoryBudgetLogStore());
