import { describe, expect, it } from 'vitest';
import { InMemoryBudgetLedger } from '../../../test/support/fakes.js';
import { budgetLedgerContract } from '../../../test/support/contracts/budget-ledger.contract.js';
import type { Principal } from '../auth/principal.js';
import { KeyBudgetService, type Admission } from './key-budget.js';

const tenantKey: Principal = { keyId: 'k1', keyName: 'k1', tenantId: 'a', isAdmin: false };
const adminKey: Principal = { keyId: 'k0', keyName: 'admin', tenantId: null, isAdmin: true };

function service(now: { ms: number }, ledger = new InMemoryBudgetLedger()) {
  return new KeyBudgetService(
    ledger,
    { tenant: { capacity: 1000, restorePerSecond: 100, maxConcurrent: 2 }, adminFactor: 5 },
    () => now.ms,
  );
}

function admitted(admission: Admission) {
  if (!admission.admitted) throw new Error(`refused: ${admission.message}`);
  return admission;
}

describe('KeyBudgetService', () => {
  it('spends from a bucket that refills at the restore rate, and says when to retry', async () => {
    const clock = { ms: 1_000_000 };
    const budgets = service(clock);
    const first = admitted(await budgets.admit(tenantKey, 600));
    expect(first.state).toMatchObject({ cost: 600, limit: 1000, remaining: 400 });
    first.release();
    const refused = await budgets.admit(tenantKey, 500);
    expect(refused).toMatchObject({ admitted: false, reason: 'budget', retryAfterMs: 1000 });
    clock.ms += 1000; // 100 points back
    const second = admitted(await budgets.admit(tenantKey, 500));
    expect(second.state.remaining).toBe(0);
    expect(second.state.resetAt.getTime()).toBe(clock.ms + 10_000);
  });

  it('holds a refused key to its Retry-After, even for a cheaper query', async () => {
    const clock = { ms: 0 };
    const budgets = service(clock);
    admitted(await budgets.admit(tenantKey, 900)).release();
    const refused = await budgets.admit(tenantKey, 500); // 400 short: 4 s
    expect(refused).toMatchObject({ admitted: false, retryAfterMs: 4000 });
    clock.ms += 1000;
    expect(budgets.refusalFor(tenantKey)).toMatchObject({ reason: 'budget', retryAfterMs: 3000 });
    expect(await budgets.admit(tenantKey, 1)).toMatchObject({
      admitted: false,
      retryAfterMs: 3000,
    });
    clock.ms += 3000;
    expect(budgets.refusalFor(tenantKey)).toBeNull();
    expect((await budgets.admit(tenantKey, 1)).admitted).toBe(true);
  });

  it('refuses a key over budget without asking the ledger again', async () => {
    const clock = { ms: 0 };
    const ledger = new InMemoryBudgetLedger();
    const budgets = service(clock, ledger);
    admitted(await budgets.admit(tenantKey, 1000)).release();
    await budgets.admit(tenantKey, 10);
    const calls = ledger.calls;
    expect((await budgets.admit(tenantKey, 10)).admitted).toBe(false);
    expect(ledger.calls).toBe(calls);
  });

  it('caps the requests a key runs at once, and frees the slot on release', async () => {
    const budgets = service({ ms: 0 });
    const a = admitted(await budgets.admit(tenantKey, 1));
    const [b, c] = await Promise.all([budgets.admit(tenantKey, 1), budgets.admit(tenantKey, 1)]);
    expect([b.admitted, c.admitted].sort()).toEqual([false, true]);
    const refused = b.admitted ? c : b;
    expect(refused).toMatchObject({ reason: 'concurrency', retryAfterMs: 1000 });
    a.release();
    a.release(); // idempotent: frees one slot only
    expect((await budgets.admit(tenantKey, 1)).admitted).toBe(true);
    expect((await budgets.admit(tenantKey, 1)).admitted).toBe(false);
  });

  it('never runs a query that costs more than the whole bucket', async () => {
    const refused = await service({ ms: 0 }).admit(tenantKey, 1001);
    expect(refused).toMatchObject({
      admitted: false,
      reason: 'above-capacity',
      retryAfterMs: null,
    });
  });

  it('gives admin keys the tenant policy scaled by the admin factor', async () => {
    const budgets = service({ ms: 0 });
    expect(budgets.policyFor(adminKey)).toEqual({
      capacity: 5000,
      restorePerSecond: 500,
      maxConcurrent: 10,
    });
    expect(admitted(await budgets.admit(adminKey, 3000)).state.remaining).toBe(2000);
  });
});

budgetLedgerContract('in memory', async () => new InMemoryBudgetLedger());
