import { describe, expect, it } from 'vitest';
import { AddressBudget } from './address-budget.js';

describe('AddressBudget', () => {
  const policy = { capacity: 5, refillPerSecond: 1, maxAddresses: 2 };

  it('lets an address spend its capacity, then refuses until it refills', () => {
    let now = 0;
    const budget = new AddressBudget(policy, () => now);
    for (let i = 0; i < 5; i++) expect(budget.take('a', 1).ok).toBe(true);
    const refused = budget.take('a', 1);
    expect(refused).toMatchObject({ ok: false, retryAfterMs: 1000 });
    // Another address is not affected.
    expect(budget.take('b', 5).ok).toBe(true);
    now = 2000;
    expect(budget.take('a', 2).ok).toBe(true);
    expect(budget.take('a', 1).ok).toBe(false);
    // What was reserved and not needed comes back.
    budget.refund('a', 1);
    expect(budget.take('a', 1).ok).toBe(true);
  });

  it('refuses a cost above the capacity outright, and empties the bucket', () => {
    let now = 0;
    const budget = new AddressBudget(policy, () => now);
    expect(budget.refusal('a')).toBeNull();
    expect(budget.take('a', 6)).toMatchObject({
      ok: false,
      retryAfterMs: null,
      message: /at most 5 points/,
    });
    expect(budget.refusal('a')).toMatchObject({ ok: false, retryAfterMs: 1000 });
    now = 5000;
    expect(budget.refusal('a')).toBeNull();
    expect(budget.take('a', 5).ok).toBe(true);
  });

  it('remembers a bounded number of addresses, forgetting the least recently seen', () => {
    const budget = new AddressBudget(policy, () => 0);
    budget.take('a', 5);
    budget.take('b', 5);
    budget.take('c', 5);
    // a was forgotten (a full bucket again); b is still empty.
    expect(budget.take('a', 5).ok).toBe(true);
    expect(budget.take('c', 1).ok).toBe(false);
  });
});
