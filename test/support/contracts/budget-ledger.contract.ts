import { describe, expect, it } from 'vitest';
import type { BudgetLedger } from '../../../src/domain/budgets/ports.js';

/**
 * What every BudgetLedger does (GCRA's one atomic step), run against the in-memory fake
 * (unit) and the MongoDB adapter (integration) alike. `make` gives an empty ledger.
 */
export function budgetLedgerContract(name: string, make: () => Promise<BudgetLedger>) {
  describe(`BudgetLedger contract: ${name}`, () => {
    const spend = (now: number, spendMs: number, likelyLive = false) => ({
      now,
      spendMs,
      toleranceMs: 1000,
      likelyLive,
    });

    it('grants while the debt stays within the tolerance, moving the tat; refuses beyond, leaving it', async () => {
      const ledger = await make();
      expect(await ledger.spend('k', spend(10_000, 600))).toEqual({ granted: true, tat: 10_600 });
      expect(await ledger.spend('k', spend(10_000, 400, true))).toEqual({
        granted: true,
        tat: 11_000,
      });
      expect(await ledger.spend('k', spend(10_000, 1))).toEqual({ granted: false, tat: 11_000 });
      // Paid back with time: from now, not from the old tat.
      expect(await ledger.spend('k', spend(20_000, 500))).toEqual({ granted: true, tat: 20_500 });
    });

    it('gives points back by moving the tat back, key by key', async () => {
      const ledger = await make();
      await ledger.spend('k', spend(10_000, 1000));
      await ledger.spend('other', spend(10_000, 1000));
      await ledger.refund('k', 400);
      expect(await ledger.spend('k', spend(10_000, 400))).toEqual({ granted: true, tat: 11_000 });
      expect(await ledger.spend('other', spend(10_000, 1))).toMatchObject({ granted: false });
    });
  });
}
