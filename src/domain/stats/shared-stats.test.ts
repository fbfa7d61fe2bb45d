import { describe, expect, it } from 'vitest';
import { statsSelection } from '../../../test/support/fakes.js';
import { SharedStats } from './shared-stats.js';
import { StatsPart, type TenantStats } from './tenant-stats.js';

const selection = statsSelection;

function harness(maxEntries = 100) {
  let now = 1_000_000;
  const versions = new Map<string, number>();
  const computed: string[] = [];
  const shared = new SharedStats(
    async (tenantId, asOf) => {
      computed.push(tenantId);
      return { tenantId, asOf } as TenantStats;
    },
    { current: async (ids) => new Map(ids.map((id) => [id, versions.get(id) ?? 0])) },
    { maxEntries, maxAgeMs: 60_000 },
    () => now,
  );
  return { shared, versions, computed, advance: (ms: number) => (now += ms) };
}

describe('SharedStats', () => {
  it('computes once per tenant, selection and data version, concurrent callers included', async () => {
    const { shared, versions, computed } = harness();
    const total = selection([StatsPart.TOTAL]);
    await Promise.all(Array.from({ length: 10 }, () => shared.current('a', total)));
    expect(computed).toEqual(['a']);
    await shared.current('a', selection([StatsPart.TOTAL, StatsPart.BY_STATUS]));
    expect(computed).toEqual(['a', 'a']);
    versions.set('a', 1);
    await shared.current('a', total);
    await shared.current('a', total);
    expect(computed).toEqual(['a', 'a', 'a']);
  });

  it('recomputes an old result even when the data did not change, so asOf stays recent', async () => {
    const { shared, computed, advance } = harness();
    const first = await shared.current('a', selection([]));
    advance(59_000);
    expect(await shared.current('a', selection([]))).toBe(first);
    advance(2000);
    const later = await shared.current('a', selection([]));
    expect(computed).toHaveLength(2);
    expect(later.asOf.getTime()).toBeGreaterThan(first.asOf.getTime());
  });

  it('keeps at most maxEntries results, however many tenants ask', async () => {
    const { shared } = harness(50);
    for (let i = 0; i < 1000; i++) await shared.current(`tenant_${i}`, selection([]));
    expect(shared.size).toBe(50);
  });
});
