import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay, startOfWeek, subDays, subWeeks } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { checkTimeZone, dayBuckets, hourBuckets, weekBuckets } from './time-buckets.js';

/** The buckets as date-fns with @date-fns/tz computes them: the reference (and the former code). */
const reference = {
  hours(asOf: Date, timeZone: string, points: number) {
    const local = new TZDate(asOf.getTime(), timeZone);
    const intoHour =
      local.getMinutes() * 60_000 + local.getSeconds() * 1000 + local.getMilliseconds();
    const last = asOf.getTime() - intoHour;
    return Array.from({ length: points }, (_, i) => {
      const start = new TZDate(last - (points - 1 - i) * 3_600_000, timeZone);
      return { start: new Date(start.getTime()), label: format(start, "yyyy-MM-dd'T'HH':00'xxx") };
    });
  },
  days(asOf: Date, timeZone: string, days: number) {
    const today = startOfDay(new TZDate(asOf.getTime(), timeZone));
    return Array.from({ length: days }, (_, i) => {
      const start = subDays(today, days - 1 - i);
      return { start: new Date(start.getTime()), label: format(start, 'yyyy-MM-dd') };
    });
  },
  weeks(asOf: Date, timeZone: string, weeks: number) {
    const thisWeek = startOfWeek(new TZDate(asOf.getTime(), timeZone), { weekStartsOn: 1 });
    return Array.from({ length: weeks }, (_, i) => {
      const start = subWeeks(thisWeek, weeks - 1 - i);
      const days = Array.from({ length: 7 }, (_, d) => format(addDays(start, d), 'yyyy-MM-dd'));
      return { start: new Date(start.getTime()), label: days[0]!, days };
    });
  },
};

describe('time buckets', () => {
  it('start days at local midnight, 23 or 25 hours apart across a change of summer time', () => {
    const days = dayBuckets(new Date('2026-03-09T12:00:00Z'), 'America/Los_Angeles', 3);
    expect(days.map((d) => [d.label, d.start.toISOString()])).toEqual([
      ['2026-03-07', '2026-03-07T08:00:00.000Z'],
      ['2026-03-08', '2026-03-08T08:00:00.000Z'],
      ['2026-03-09', '2026-03-09T07:00:00.000Z'],
    ]);
    const tokyo = dayBuckets(new Date('2026-11-29T16:00:00Z'), 'Asia/Tokyo', 1);
    expect(tokyo[0]).toEqual({ label: '2026-11-30', start: new Date('2026-11-29T15:00:00Z') });
  });

  it('keep the two 01:00 hours of a night leaving summer time apart', () => {
    const hours = hourBuckets(new Date('2026-11-01T09:30:00Z'), 'America/Los_Angeles', 3);
    expect(hours.map((h) => h.label)).toEqual([
      '2026-11-01T00:00-07:00',
      '2026-11-01T01:00-07:00',
      '2026-11-01T01:00-08:00',
    ]);
    expect(hours[2]!.start.toISOString()).toBe('2026-11-01T09:00:00.000Z');
  });

  it('start weeks on local Mondays and list their seven days', () => {
    const [week] = weekBuckets(new Date('2026-11-29T16:00:00Z'), 'Asia/Tokyo', 1);
    expect(week!.start.toISOString()).toBe('2026-11-29T15:00:00.000Z');
    expect(week!.days).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('equal the reference in every zone Node knows, at instants around this year and the last', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (let n = 0; n < 2; n++) {
        const asOf = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 730 * 86_400_000));
        const context = `${zone} ${asOf.toISOString()}`;
        expect(hourBuckets(asOf, zone, 24), context).toEqual(reference.hours(asOf, zone, 24));
        expect(dayBuckets(asOf, zone, 40), context).toEqual(reference.days(asOf, zone, 40));
        expect(weekBuckets(asOf, zone, 6), context).toEqual(reference.weeks(asOf, zone, 6));
      }
    }
  });

  it('start a day whose midnight summer time skips or repeats at its first instant', () => {
    // These zones change their clocks at midnight. (The reference, which steps back from the
    // day after a skipped midnight, keeps that day's 01:00: one day early it is an hour late.)
    const localDay = (zone: string, at: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
    for (const zone of ['America/Havana', 'America/Santiago', 'America/Asuncion', 'Asia/Beirut'])
      for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
        const asOf = new Date(day + 12 * 3_600_000);
        for (const { start, label } of dayBuckets(asOf, zone, 2)) {
          const context = `${zone} ${label}`;
          expect(localDay(zone, start.getTime()), context).toBe(label);
          expect(localDay(zone, start.getTime() - 1) < label, context).toBe(true);
        }
      }
  });

  it('accept the zones Node knows, by their canonical names whatever the case', () => {
    expect(checkTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(checkTimeZone('UTC')).toBe('UTC');
    expect(checkTimeZone('utc')).toBe('UTC');
    expect(checkTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(checkTimeZone('AMERICA/COYHAIQUE')).toBe('America/Coyhaique');
    // Links resolve to the zone Node lists for them.
    expect(checkTimeZone('Asia/Kolkata')).toBe(checkTimeZone('asia/calcutta'));
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(checkTimeZone(zone)).toBe(zone);
    for (const bad of [
      'Mars/Olympus',
      '+09:00',
      '',
      'Europe/Paris; drop',
      null,
      42,
      'x'.repeat(65),
    ])
      expect(() => checkTimeZone(bad), String(bad)).toThrow(/IANA/);
  });
});
