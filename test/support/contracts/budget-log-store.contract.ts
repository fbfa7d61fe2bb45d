import { describe, expect, it } from 'vitest';
import type { BudgetLogStore } from '../../../src/domain/budgets/provider-budget.js';

/**
 * What every BudgetLogStore does, run against the in-memory fake (unit) and the MongoDB
 * adapter (integration) alike, so the fake cannot drift from the real thing. `make` gives
 * a store of a budget nobody used yet.
 */
export function budgetLogStoreContract(name: string, make: () => Promise<BudgetLogStore>) {
  describe(`BudgetLogStore contract: ${name}`, () => {
    it('starts empty, at version 0', async () => {
      const store = await make();
      expect(await store.load()).toEqual({
        grants: [],
        pausedUntil: 0,
        lastClaimant: '',
        version: 0,
      });
    });

    it('swaps grants in only at the version they were decided on (read by load)', async () => {
      const store = await make();
      await store.load();
      expect(await store.swapGrants(0, [10, 20], 'a')).toBe(true);
      expect(await store.swapGrants(0, [10, 20, 30], 'b')).toBe(false);
      expect(await store.load()).toMatchObject({ grants: [10, 20], lastClaimant: 'a', version: 1 });
      expect(await store.swapGrants(1, [20, 30], 'b')).toBe(true);
      expect(await store.load()).toMatchObject({ grants: [20, 30], lastClaimant: 'b', version: 2 });
    });

    it('pauses until the later of two pauses, and a pause outdates a grant decided before it', async () => {
      const store = await make();
      await store.pauseUntil(5000);
      await store.pauseUntil(3000);
      const log = await store.load();
      expect(log.pausedUntil).toBe(5000);
      expect(await store.swapGrants(0, [1], 'a')).toBe(false);
      expect(await store.swapGrants(log.version, [1], 'a')).toBe(true);
    });

    it("lists the claimant's own record and the others seen waiting since, not stale ones", async () => {
      const store = await make();
      await store.markWaiter('a', { seenAt: 100, lastGrantAt: 50 });
      await store.markWaiter('b', { seenAt: 900 });
      await store.markWaiter('c', { seenAt: 200 });
      await store.markWaiter('a', { seenAt: 0 });
      const waiters = await store.waiters('a', 500);
      expect(waiters.sort((x, y) => x.claimant.localeCompare(y.claimant))).toEqual([
        { claimant: 'a', seenAt: 0, lastGrantAt: 50 },
        { claimant: 'b', seenAt: 900, lastGrantAt: 0 },
      ]);
    });

    it('keeps budgets apart', async () => {
      const one = await make();
      const other = await make();
      await one.swapGrants((await one.load()).version, [1], 'a');
      await one.markWaiter('a', { seenAt: 10 });
      expect((await other.load()).grants).toEqual([]);
      expect(await other.waiters('b', 0)).toEqual([]);
    });
  });
}
