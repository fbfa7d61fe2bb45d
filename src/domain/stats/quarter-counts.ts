import { QUARTER_MS, QUARTERS_PER_DAY, quarterOf } from './rollup-delta.js';
import type { StatsPlan } from './tenant-stats.js';

/**
 * What the trends of a plan read from the roll-ups: the UTC days whose quarter-hour counts
 * cover every bucket, and the quarter-hours whose per-instant counts give the exact edges
 * (the one holding asOf, whose bucket ends mid-quarter; and any boundary off the quarter
 * grid, as zones had before 1972).
 */
export interface TrendReads {
  firstQuarter: number;
  lastQuarter: number;
  /** UTC day numbers (days since 1970-01-01). */
  days: number[];
  edgeQuarters: number[];
}

/** Each bucket of a zone: [start, next start), and the last one [start, asOf]. */
function windows(plan: StatsPlan) {
  return [...plan.hourly, ...plan.daily].map(({ timeZone, buckets }) => ({
    timeZone,
    ranges: buckets.map((bucket, i) => ({
      label: bucket.label,
      from: bucket.start.getTime(),
      to: buckets[i + 1]?.start.getTime() ?? plan.asOf.getTime(),
      through: i === buckets.length - 1,
    })),
  }));
}

export function trendReads(plan: StatsPlan): TrendReads | null {
  const ranges = windows(plan).flatMap((zone) => zone.ranges);
  if (ranges.length === 0) return null;
  const firstQuarter = quarterOf(Math.min(...ranges.map((r) => r.from)));
  const lastQuarter = quarterOf(plan.asOf.getTime());
  const days: number[] = [];
  for (
    let day = Math.floor(firstQuarter / QUARTERS_PER_DAY);
    day <= Math.floor(lastQuarter / QUARTERS_PER_DAY);
    day++
  )
    days.push(day);
  const edges = new Set<number>();
  for (const { from, to, through } of ranges) {
    if (from % QUARTER_MS !== 0) edges.add(quarterOf(from));
    if (through || to % QUARTER_MS !== 0) edges.add(quarterOf(to));
  }
  return { firstQuarter, lastQuarter, days, edgeQuarters: [...edges] };
}

/**
 * Tickets created per quarter-hour over a span, and per instant in the edge quarters: any
 * range whose ends are read is counted exactly, in time proportional to nothing but itself.
 */
export class QuarterCounts {
  /** prefix[i]: tickets in the quarters before firstQuarter + i. */
  private readonly prefix: Float64Array;

  constructor(
    private readonly reads: TrendReads,
    quarters: Iterable<[number, number]>,
    private readonly edges: Map<number, Map<number, number>>,
  ) {
    const span = reads.lastQuarter - reads.firstQuarter + 1;
    const counts = new Float64Array(span);
    for (const [quarter, n] of quarters) {
      const i = quarter - reads.firstQuarter;
      if (i >= 0 && i < span) counts[i] = n;
    }
    this.prefix = new Float64Array(span + 1);
    for (let i = 0; i < span; i++) this.prefix[i + 1] = this.prefix[i]! + counts[i]!;
  }

  /** Tickets created in [from, to), or [from, to] when `through`. */
  between(from: number, to: number, through: boolean): number {
    return this.upTo(to, through) - this.upTo(from, false);
  }

  /** Tickets created from the first quarter to `at` (before it, or through it). */
  private upTo(at: number, through: boolean): number {
    const quarter = quarterOf(at);
    const offset = at - quarter * QUARTER_MS;
    let n = this.prefix[quarter - this.reads.firstQuarter]!;
    if (offset === 0 && !through) return n;
    for (const [instant, count] of this.edges.get(quarter) ?? [])
      if (instant < offset || (through && instant === offset)) n += count;
    return n;
  }
}

/** The trend counts of a plan, by zone and bucket label, as the scan answers them. */
export function trendCounts(plan: StatsPlan, counts: QuarterCounts) {
  const label = (zones: StatsPlan['hourly']) =>
    new Map(
      windows({ ...plan, hourly: zones, daily: [] }).map(({ timeZone, ranges }) => [
        timeZone,
        new Map(ranges.map((r) => [r.label, counts.between(r.from, r.to, r.through)])),
      ]),
    );
  return { hourly: label(plan.hourly), daily: label(plan.daily) };
}
