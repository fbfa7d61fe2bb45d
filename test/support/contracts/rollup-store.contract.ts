import { describe, expect, it } from 'vitest';
import type { RollupStore } from '../../../src/domain/stats/rollup-ports.js';

const TTL = 1000;
const done = { done: true, changed: false };

/**
 * What every RollupStore does with its heads (leases, op numbers, unfinished ops, built
 * marks), run against the in-memory fake (unit) and the MongoDB adapter (integration)
 * alike. What `apply` adds to the roll-up documents is checked against a scan of the
 * tickets in stats-rollups.test.ts. `make` gives an empty store whose clock is `clock.now`.
 */
export function rollupStoreContract(
  name: string,
  make: (clock: { now: number }) => Promise<RollupStore>,
) {
  describe(`RollupStore contract: ${name}`, () => {
    it('leases a tenant to one writer at a time and numbers its ops', async () => {
      const clock = { now: 1_000_000 };
      const store = await make(clock);
      expect(await store.acquire('t', 'a', TTL)).toEqual({ seq: 1, fresh: true, unfinished: null });
      expect(await store.acquire('t', 'b', TTL)).toBeNull();
      expect(await store.acquire('u', 'b', TTL)).toMatchObject({ seq: 1, fresh: true });
      expect(await store.next('t', 'a', 1)).toBe(2);
      await store.release('t', 'a', 2, done);
      expect(await store.acquire('t', 'b', TTL)).toEqual({
        seq: 3,
        fresh: false,
        unfinished: null,
      });
    });

    it('hands a lapsed or failed op to the next writer as unfinished, and lists it as abandoned', async () => {
      const clock = { now: 2_000_000 };
      const store = await make(clock);
      await store.acquire('t', 'a', TTL);
      expect(await store.next('t', 'a', 1)).toBe(2);
      expect(await store.abandoned()).toEqual([]);
      clock.now += TTL + 1;
      expect(await store.abandoned()).toEqual(['t']);
      expect(await store.acquire('t', 'b', TTL)).toEqual({
        seq: 3,
        fresh: false,
        unfinished: { after: 1, upTo: 2 },
      });
      await store.release('t', 'b', 3, { done: false, changed: false });
      expect(await store.acquire('t', 'c', TTL)).toMatchObject({
        seq: 4,
        unfinished: { after: 1, upTo: 3 },
      });
      await store.release('t', 'c', 4, done);
      clock.now += TTL + 1;
      expect(await store.abandoned()).toEqual([]);
    });

    it('renews, numbers and releases only for the writer holding the op', async () => {
      const clock = { now: 3_000_000 };
      const store = await make(clock);
      await store.acquire('t', 'a', TTL);
      expect(await store.renew('t', 'b', 1, TTL)).toBe(false);
      expect(await store.renew('t', 'a', 2, TTL)).toBe(false);
      await expect(store.next('t', 'b', 1)).rejects.toThrow();
      await store.release('t', 'b', 1, done);
      clock.now += TTL / 2;
      expect(await store.renew('t', 'a', 1, TTL)).toBe(true);
      clock.now += TTL / 2 + 1;
      expect(await store.acquire('t', 'b', TTL)).toBeNull();
      clock.now += TTL;
      expect(await store.acquire('t', 'b', TTL)).toMatchObject({ seq: 2 });
      expect(await store.renew('t', 'a', 1, TTL)).toBe(false);
    });

    it('marks roll-ups complete only from a clear to a markBuilt', async () => {
      const store = await make({ now: 4_000_000 });
      expect(await store.built([])).toEqual(new Set());
      await store.clear('t');
      await store.clear('u');
      expect(await store.built(['t', 'u'])).toEqual(new Set());
      await store.markBuilt('t', 1);
      await store.markBuilt('u', 1);
      expect(await store.built(['t', 'u', 'v'])).toEqual(new Set(['t', 'u']));
      await store.clear('t');
      expect(await store.built(['t', 'u'])).toEqual(new Set(['u']));
    });
  });
}
