import { describe, expect, it } from 'vitest';
import { DeliveryOdds } from './delivery-odds.js';

describe('DeliveryOdds', () => {
  it('knows nothing before any call', () => {
    expect(new DeliveryOdds().likelyFrom()).toBeNull();
  });

  it("learns that a provider fails each alert's first two calls", () => {
    const odds = new DeliveryOdds();
    for (let i = 0; i < 5; i++) {
      odds.record(0, false);
      odds.record(1, false);
    }
    expect(odds.likelyFrom()).toBeNull();
    odds.record(2, true);
    expect(odds.likelyFrom()).toBe(2);
  });

  it('sees no difference in a provider that fails a fifth of all calls at random', () => {
    const odds = new DeliveryOdds();
    for (let i = 0; i < 10; i++) odds.record(0, i % 5 !== 0);
    expect(odds.likelyFrom()).toBe(0);
  });

  it('forgets old outcomes, so a provider that recovers is trusted again', () => {
    const odds = new DeliveryOdds();
    for (let i = 0; i < 20; i++) odds.record(0, false);
    expect(odds.likelyFrom()).toBeNull();
    for (let i = 0; i < 12; i++) odds.record(0, true);
    expect(odds.likelyFrom()).toBe(0);
  });
});
