import { describe, expect, it } from 'vitest';
import type { LockStore } from '../../../src/domain/ingestion/ports.js';

/**
 * What every LockStore does, run against the in-memory fake (unit) and the MongoDB adapter
 * (integration) alike. `make` gives a store whose clock is `clock.now` (ms).
 */
export function lockStoreContract(
  name: string,
  make: (clock: { now: number }) => Promise<LockStore>,
) {
  describe(`LockStore contract: ${name}`, () => {
    it('leases a key to one holder until it lapses, then to the next (naming the lapsed run)', async () => {
      const clock = { now: 1_000_000 };
      const locks = await make(clock);
      expect(await locks.tryAcquire('k', 'a', 'run-1', 1000)).toEqual({
        acquired: true,
        previousRunId: null,
      });
      const refused = await locks.tryAcquire('k', 'b', 'run-2', 1000);
      expect(refused).toMatchObject({ acquired: false, holder: { owner: 'a', runId: 'run-1' } });
      clock.now += 1001;
      expect(await locks.find('k')).toBeNull();
      expect(await locks.tryAcquire('k', 'b', 'run-2', 1000)).toEqual({
        acquired: true,
        previousRunId: 'run-1',
      });
    });

    it('renews and releases only for its holder', async () => {
      const clock = { now: 2_000_000 };
      const locks = await make(clock);
      await locks.tryAcquire('k', 'a', 'run-1', 1000);
      expect(await locks.renew('k', 'b', 'run-1', 5000)).toBe(false);
      expect(await locks.renew('k', 'a', 'run-1', 5000)).toBe(true);
      clock.now += 3000;
      expect(await locks.find('k')).toMatchObject({ owner: 'a', runId: 'run-1' });
      await locks.release('k', 'b', 'run-1');
      expect(await locks.find('k')).not.toBeNull();
      await locks.release('k', 'a', 'run-1');
      expect(await locks.find('k')).toBeNull();
      expect(await locks.tryAcquire('k', 'c', 'run-3', 1000)).toEqual({
        acquired: true,
        previousRunId: null,
      });
    });
  });
}
