import { describe, expect, it } from 'vitest';
import { checkTimeZone, dayBuckets, hourBuckets, weekBuckets } from './time-buckets.js';

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
      '2026-11-01T00-0700',
      '2026-11-01T01-0700',
      '2026-11-01T01-0800',
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

  it('accept IANA zone names only', () => {
    expect(checkTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(checkTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+09:00', '', 'Europe/Paris; drop'])
      expect(() => checkTimeZone(bad), bad).toThrow(/IANA/);
  });
});
