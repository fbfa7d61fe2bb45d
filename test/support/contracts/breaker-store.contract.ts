import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  type BreakerState,
  type BreakerStore,
} from '../../../src/domain/alerting/circuit-breaker.js';
import { CircuitState } from '../../../src/domain/alerting/circuit.types.js';

/**
 * What every BreakerStore does, run against the in-memory fake (unit) and the MongoDB adapter
 * (integration) alike. `make` gives a store whose circuit was never saved.
 */
export function breakerStoreContract(name: string, make: () => Promise<BreakerStore>) {
  describe(`BreakerStore contract: ${name}`, () => {
    const open: BreakerState = {
      state: CircuitState.OPEN,
      outcomes: [true, false, true],
      openedAt: 1_000,
      nextAttemptAt: 31_000,
      trialUntil: null,
    };

    it('starts CLOSED at version 0, and a save at that version moves it on', async () => {
      const store = await make();
      expect(await store.load()).toEqual({ state: CLOSED, version: 0 });
      expect(await store.save(open, 0)).toBe(true);
      expect(await store.load()).toEqual({ state: open, version: 1 });
    });

    it('refuses a save at a version someone else already moved on (compare-and-swap)', async () => {
      const store = await make();
      const { version } = await store.load();
      expect(await store.save(open, version)).toBe(true);
      expect(await store.save(CLOSED, version)).toBe(false);
      expect(await store.load()).toEqual({ state: open, version: version + 1 });
      expect(await store.save(CLOSED, version + 1)).toBe(true);
      expect((await store.load()).state).toEqual(CLOSED);
    });
  });
}
