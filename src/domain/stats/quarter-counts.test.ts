import { describe, expect, it } from 'vitest';
import { QuarterCounts, trendCounts, trendReads } from './quarter-counts.js';
import { QUARTER_MS, quarterOf } from './rollup-delta.js';
import { planFor } from './tenant-stats.js';

/** The counts a set of creation times leaves in the roll-ups: per quarter, and per instant. */
function countsOf(times: number[], reads: NonNullable<ReturnType<typeof trendReads>>) {
  const quarters = new Map<number, number>();
  const edges = new Map<number, Map<number, number>>();
  for (const at of times) {
    const quarter = quarterOf(at);
    quarters.set(quarter, (quarters.get(quarter) ?? 0) + 1);
    if (!reads.edgeQuarters.includes(quarter)) continue;
    const instants = edges.get(quarter) ?? new Map<number, number>();
    const offset = at - quarter * QUARTER_MS;
    instants.set(offset, (instants.get(offset) ?? 0) + 1);
    edges.set(quarter, instants);
  }
  return new QuarterCounts(reads, quarters, edges);
}

/** What a scan counts: tickets in [from, to), or [from, to] for the last bucket. */
const direct = (times: number[], from: number, to: number, through: boolean) =>
  times.filter((at) => at >= from && (through ? at <= to : at < to)).length;

describe('trend counts from quarter-hours', () => {
  const asOf = new Date('2026-11-01T10:37:12.345Z');
  const plan = planFor(asOf, {
    parts: [],
    hourly: ['Asia/Kathmandu', 'America/Los_Angeles'],
    daily: [{ timeZone: 'Asia/Kolkata', days: 3 }],
    weekly: [],
    keywordLimit: 0,
    atRiskLimit: 0,
  });
  const reads = trendReads(plan)!;
  // Around every kind of edge: asOf itself (and 1 ms either side), quarter starts, the
  // hour Los Angeles repeats, local midnights of India.
  const times = [
    asOf.getTime(),
    asOf.getTime() - 1,
    asOf.getTime() + 1,
    Date.parse('2026-11-01T10:30:00Z'),
    Date.parse('2026-11-01T10:45:00Z'),
    Date.parse('2026-11-01T08:30:00Z'),
    Date.parse('2026-11-01T09:15:00Z'),
    Date.parse('2026-10-31T18:30:00Z'),
    Date.parse('2026-10-31T18:29:59.999Z'),
    Date.parse('2026-10-30T12:00:00Z'),
    Date.parse('2026-10-29T18:30:00Z'),
  ];

  it('reads the UTC days the buckets cover and the quarter-hour of asOf', () => {
    expect(reads.days.map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10))).toEqual([
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(reads.edgeQuarters).toEqual([quarterOf(asOf.getTime())]);
  });

  it('counts every bucket exactly as a scan does, the last one through asOf', () => {
    const counts = trendCounts(plan, countsOf(times, reads));
    for (const { timeZone, buckets } of [...plan.hourly, ...plan.daily]) {
      const byLabel = (
        plan.hourly.some((z) => z.timeZone === timeZone) ? counts.hourly : counts.daily
      ).get(timeZone)!;
      buckets.forEach((bucket, i) => {
        const last = i === buckets.length - 1;
        const to = last ? asOf.getTime() : buckets[i + 1]!.start.getTime();
        expect(byLabel.get(bucket.label), `${timeZone} ${bucket.label}`).toBe(
          direct(times, bucket.start.getTime(), to, last),
        );
      });
    }
    // Los Angeles' two 01:00 hours stay apart: 08:30Z is the first, 09:15Z the second.
    const la = counts.hourly.get('America/Los_Angeles')!;
    expect(la.get('2026-11-01T01:00-07:00')).toBe(1);
    expect(la.get('2026-11-01T01:00-08:00')).toBe(1);
  });

  it('counts ranges whose ends are off the quarter grid from their edge instants', () => {
    const from = Date.parse('2026-11-01T10:31:00Z');
    const to = Date.parse('2026-11-01T10:37:12.345Z');
    const offGrid = { ...reads, edgeQuarters: [quarterOf(from)] };
    const counts = countsOf(times, offGrid);
    expect(counts.between(from, to, false)).toBe(direct(times, from, to, false));
    expect(counts.between(from, to, true)).toBe(direct(times, from, to, true));
    expect(counts.between(from, from, true)).toBe(0);
  });
});
