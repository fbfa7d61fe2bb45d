import { describe, expect, it } from 'vitest';
import { knownTenants, silentLogger, statsSelection } from '../../../test/support/fakes.js';
import type { Principal } from '../auth/principal.js';
import { LiveStats, MAX_LIVE_ZONES } from './live-stats.js';
import { SharedStats } from './shared-stats.js';
import { StatsPart, type StatsSelection, type TenantStats } from './tenant-stats.js';

const admin: Principal = { keyId: 'k', keyName: 'admin', tenantId: null, isAdmin: true };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

/** Everything a subscription yields within `ms`. */
async function drain(iterator: AsyncIterableIterator<TenantStats>, ms: number) {
  const seen: number[] = [];
  const stop = sleep(ms).then(() => 'stop' as const);
  for (;;) {
    const next = await Promise.race([iterator.next(), stop]);
    if (next === 'stop' || next.done) return seen;
    seen.push(next.value.totalTickets);
  }
}

describe('LiveStats', () => {
  it('emits the figures at once, then once per change, and nothing while unchanged', async () => {
    const { live, bump } = harness();
    const stream = await live.watch(admin, 'a', selection([StatsPart.TOTAL]));
    expect(await drain(stream, 100)).toEqual([0]);
    bump('b');
    expect(await drain(stream, 100)).toEqual([]);
    bump('a');
    expect(await drain(stream, 300)).toEqual([1]);
    await stream.return!();
    expect(live.watchedTenants).toBe(0);
  });

  it('holds a burst of changes to one emission per interval, with the newest figures', async () => {
    const { live, bump } = harness();
    const stream = await live.watch(admin, 'a', selection([StatsPart.TOTAL]));
    await drain(stream, 50);
    for (let i = 0; i < 5; i++) {
      bump('a');
      await sleep(20);
    }
    const seen = await drain(stream, 400);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.at(-1)).toBe(5);
    await stream.return!();
  });

  it('computes once per change for all viewers of a tenant, with their selections merged', async () => {
    const { live, bump, computedFor } = harness();
    const streams = await Promise.all([
      live.watch(admin, 'a', selection([StatsPart.TOTAL])),
      live.watch(admin, 'a', selection([StatsPart.BY_STATUS])),
      live.watch(admin, 'a', selection([StatsPart.TOTAL])),
    ]);
    await Promise.all(streams.map((s) => drain(s, 50)));
    computedFor.length = 0;
    bump('a');
    const seen = await Promise.all(streams.map((s) => drain(s, 300)));
    expect(seen).toEqual([[1], [1], [1]]);
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
