import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay, startOfWeek, subDays, subWeeks } from 'date-fns';
import { badUserInput } from '../errors.js';

export const UTC = 'UTC';
const HOUR_MS = 3_600_000;

/**
 * The bucket labels the stats pipeline writes with $dateToString in the zone: an hour's
 * label carries its UTC offset, so the two 01:00 hours of a night that leaves summer time
 * stay apart.
 */
export const LABEL_FORMAT = { hour: '%Y-%m-%dT%H%z', day: '%Y-%m-%d' } as const;
const hourLabel = (at: TZDate) => format(at, "yyyy-MM-dd'T'HHxx");
const dayLabel = (at: TZDate) => format(at, 'yyyy-MM-dd');

/** An IANA zone name ("Asia/Tokyo", "UTC"), or BAD_USER_INPUT. */
export function checkTimeZone(timeZone: string): string {
  const named = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone);
  try {
    if (named) new Intl.DateTimeFormat('en', { timeZone });
    if (named) return timeZone;
  } catch {
    // Reported below.
  }
  throw badUserInput(
    `timeZone must be an IANA time zone name such as "UTC", "Europe/Paris" or "America/Los_Angeles" (got ${JSON.stringify(timeZone.slice(0, 60))}).`,
  );
}

export interface Bucket {
  start: Date;
  label: string;
}

/** A week, with the labels of its seven days (its count is theirs, summed). */
export interface WeekBucket extends Bucket {
  days: string[];
}

/** The 24 hours up to the local hour holding `asOf`, oldest first (absolute hours). */
export function hourBuckets(asOf: Date, timeZone: string, points: number): Bucket[] {
  const local = new TZDate(asOf.getTime(), timeZone);
  const intoHour =
    local.getMinutes() * 60_000 + local.getSeconds() * 1000 + local.getMilliseconds();
  const last = asOf.getTime() - intoHour;
  return Array.from({ length: points }, (_, i) => {
    const start = new TZDate(last - (points - 1 - i) * HOUR_MS, timeZone);
    return { start: new Date(start.getTime()), label: hourLabel(start) };
  });
}

/** `days` local days up to the one holding `asOf`, oldest first, each from local midnight. */
export function dayBuckets(asOf: Date, timeZone: string, days: number): Bucket[] {
  const today = startOfDay(new TZDate(asOf.getTime(), timeZone));
  return Array.from({ length: days }, (_, i) => {
    const start = subDays(today, days - 1 - i);
    return { start: new Date(start.getTime()), label: dayLabel(start) };
  });
}

/** `weeks` local weeks (Monday to Sunday) up to the one holding `asOf`, oldest first, with the labels of their days. */
export function weekBuckets(asOf: Date, timeZone: string, weeks: number): WeekBucket[] {
  const thisWeek = startOfWeek(new TZDate(asOf.getTime(), timeZone), { weekStartsOn: 1 });
  return Array.from({ length: weeks }, (_, i) => {
    const start = subWeeks(thisWeek, weeks - 1 - i);
    const days = Array.from({ length: 7 }, (_, d) => dayLabel(addDays(start, d)));
    return { start: new Date(start.getTime()), label: days[0]!, days };
  });
}
