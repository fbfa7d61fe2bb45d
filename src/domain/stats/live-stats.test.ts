import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { knownTenants, silentLogger, statsSelection } from '../../../test/support/fakes.js';
import type { Principal } from '../auth/principal.js';
import { LiveStats, MAX_LIVE_ZONES } from './live-stats.js';
import { SharedStats } from './shared-stats.js';
import { StatsPart, type StatsSelection, type TenantStats } from './tenant-stats.js';

const admin: Principal = { keyId: 'k', keyName: 'admin', tenantId: null, isAdmin: true };
const selection = statsSelection;

function harness() {
  const versions = new Map<string, number>();
  const versionStore = {
    current: async (ids: readonly string[]) =>
      new Map(ids.map((id) => [id, versions.get(id) ?? 0])),
  };
  const computedFor: StatsSelection[] = [];
  const shared = new SharedStats(
    async (tenantId, asOf, asked) => {
      computedFor.push(asked);
      return { tenantId, asOf, totalTickets: versions.get(tenantId) ?? 0 } as TenantStats;
    },
    versionStore,
    { maxEntries: 100, maxAgeMs: 60_000 },
  );
  const live = new LiveStats(
    shared,
    versionStore,
    knownTenants('a', 'b'),
    { pollMs: 10, minIntervalMs: 150 },
    silentLogger,
  );
  const bump = (tenantId: string) => versions.set(tenantId, (versions.get(tenantId) ?? 0) + 1);
  return { live, bump, computedFor };
}

/**
 * Reads a subscription as it yields; `after(ms)` lets `ms` pass (on fake timers: time is
 * the subject here) and returns the totals it yielded meanwhile.
 */
function follow(iterator: AsyncIterableIterator<TenantStats>) {
  const seen: number[] = [];
  void (async () => {
    for await (const stats of iterator) seen.push(stats.totalTickets);
  })();
  return {
    iterator,
    seen,
    async after(ms: number): Promise<number[]> {
      const from = seen.length;
      await vi.advanceTimersByTimeAsync(ms);
      return seen.slice(from);
    },
  };
}

describe('LiveStats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits the figures at once, then once per change, and nothing while unchanged', async () => {
    const { live, bump } = harness();
    const stream = follow(await live.watch(admin, 'a', selection([StatsPart.TOTAL])));
    expect(await stream.after(100)).toEqual([0]);
    bump('b');
    expect(await stream.after(100)).toEqual([]);
    bump('a');
    expect(await stream.after(300)).toEqual([1]);
    await stream.iterator.return!();
    expect(live.watchedTenants).toBe(0);
  });

  it('holds a burst of changes to one emission per interval, with the newest figures', async () => {
    const { live, bump } = harness();
    const stream = follow(await live.watch(admin, 'a', selection([StatsPart.TOTAL])));
    await stream.after(50);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      bump('a');
      seen.push(...(await stream.after(20)));
    }
    seen.push(...(await stream.after(400)));
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.at(-1)).toBe(5);
    await stream.iterator.return!();
  });

  it('computes once per change for all viewers of a tenant, with their selections merged', async () => {
    const { live, bump, computedFor } = harness();
    const streams = (
      await Promise.all([
        live.watch(admin, 'a', selection([StatsPart.TOTAL])),
        live.watch(admin, 'a', selection([StatsPart.BY_STATUS])),
        live.watch(admin, 'a', selection([StatsPart.TOTAL])),
      ])
    ).map(follow);
    await vi.advanceTimersByTimeAsync(50);
    const before = streams.map((s) => s.seen.length);
    computedFor.length = 0;
    bump('a');
    await vi.advanceTimersByTimeAsync(300);
    expect(streams.map((s, i) => s.seen.slice(before[i]))).toEqual([[1], [1], [1]]);
    expect(computedFor.map((s) => s.parts)).toEqual([[StatsPart.BY_STATUS, StatsPart.TOTAL]]);
    live.close();
    expect(live.watchedTenants).toBe(0);
  });

  it("bounds the time zones of a tenant's viewers together, not one viewer at a time", async () => {
    const { live } = harness();
    const zones = Intl.supportedValuesOf('timeZone').slice(0, MAX_LIVE_ZONES + 1);
    const inZone = (timeZone: string) => ({ ...selection([]), hourly: [timeZone] });
    const streams = [];
    for (const zone of zones.slice(0, MAX_LIVE_ZONES))
      streams.push(await live.watch(admin, 'a', inZone(zone)));
    await expect(live.watch(admin, 'a', inZone(zones.at(-1)!))).rejects.toThrow(
      /already use 8 time zones/,
    );
    // A zone already in use, or another tenant, is fine.
    streams.push(await live.watch(admin, 'a', inZone(zones[0]!)));
    streams.push(await live.watch(admin, 'b', inZone(zones.at(-1)!)));
    for (const stream of streams) await stream.return!();
  });
});
