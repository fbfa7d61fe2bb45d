import { badUserInput } from '../errors.js';

export const UTC = 'UTC';
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * MINUTE_MS;

/** Node's zones by lower-case name, so that "utc" and "europe/paris" are understood. */
const LISTED_ZONES = new Map(
  [...Intl.supportedValuesOf('timeZone'), UTC].map((zone) => [zone.toLowerCase(), zone]),
);

/**
 * The canonical name of a time zone Node knows, whatever its case ("utc" is "UTC"), or
 * BAD_USER_INPUT (null included). A name Node accepts but does not list (a link such as
 * "Asia/Kolkata", "EST") is answered by the zone it resolves to, so that the names in use
 * (and the formatters cached per name) stay a bounded set.
 */
export function checkTimeZone(timeZone: unknown): string {
  if (typeof timeZone === 'string' && timeZone.length <= 64) {
    const listed = LISTED_ZONES.get(timeZone.toLowerCase());
    if (listed !== undefined) return listed;
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      // Reported below.
    }
  }
  throw badUserInput(
    `timeZone must be an IANA time zone name such as "UTC", "Europe/Paris" or "America/Los_Angeles" (got ${JSON.stringify(typeof timeZone === 'string' ? timeZone.slice(0, 60) : timeZone)}).`,
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

/** A local calendar date, as a UTC midnight (so calendar arithmetic is plain arithmetic). */
type CalendarDay = number;

/** Zone formatters (Node knows a few hundred zones) and local midnights already found. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const midnights = new Map<string, number>();
const MAX_MIDNIGHTS = 50_000;

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall time of an instant in the zone, as if it were UTC, and the zone's offset then. */
function wallTime(timeZone: string, at: number): { wall: number; offset: number } {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(at))
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const seconds = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  const millis = ((at % 1000) + 1000) % 1000;
  const wall = seconds + millis;
  return { wall, offset: wall - at };
}

const calendarDayOf = (timeZone: string, at: number): CalendarDay =>
  Math.floor(wallTime(timeZone, at).wall / DAY_MS) * DAY_MS;

const dayLabel = (day: CalendarDay) => new Date(day).toISOString().slice(0, 10);

/**
 * The first instant of a local day: its midnight, or (where summer time skips midnight)
 * the first quarter-hour after the gap; offsets and their changes are whole quarter-hours.
 */
function midnightOf(timeZone: string, day: CalendarDay): number {
  const key = `${timeZone}|${day}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  let at = day - wallTime(timeZone, day).offset;
  at = day - wallTime(timeZone, at).offset;
  // Before the day (a gap at midnight): on to the first quarter-hour that is in it.
  while (calendarDayOf(timeZone, at) < day) at = (Math.floor(at / QUARTER_MS) + 1) * QUARTER_MS;
  // Still in the day after stepping back a quarter-hour: midnight came earlier (an overlap).
  while (calendarDayOf(timeZone, at - QUARTER_MS) === day) at -= QUARTER_MS;
  if (midnights.size >= MAX_MIDNIGHTS) midnights.clear();
  midnights.set(key, at);
  return at;
}

/** The local hour with its offset, e.g. `2026-12-03T14:00+09:00` (two 01:00s of a night differ by it). */
function hourLabel(timeZone: string, at: number): string {
  const { wall, offset } = wallTime(timeZone, at);
  const minutes = Math.abs(offset) / MINUTE_MS;
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${new Date(wall).toISOString().slice(0, 13)}:00${zone}`;
}

/** The 24 hours up to the local hour holding `asOf`, oldest first (absolute hours). */
export function hourBuckets(asOf: Date, timeZone: string, points: number): Bucket[] {
  const { wall } = wallTime(timeZone, asOf.getTime());
  const last = asOf.getTime() - (((wall % HOUR_MS) + HOUR_MS) % HOUR_MS);
  return Array.from({ length: points }, (_, i) => {
    const start = last - (points - 1 - i) * HOUR_MS;
    return { start: new Date(start), label: hourLabel(timeZone, start) };
  });
}

/** `days` local days up to the one holding `asOf`, oldest first, each from local midnight. */
export function dayBuckets(asOf: Date, timeZone: string, days: number): Bucket[] {
  const today = calendarDayOf(timeZone, asOf.getTime());
  return Array.from({ length: days }, (_, i) => {
    const day = today - (days - 1 - i) * DAY_MS;
    return { start: new Date(midnightOf(timeZone, day)), label: dayLabel(day) };
  });
}

/** `weeks` local weeks (Monday to Sunday) up to the one holding `asOf`, oldest first, with the labels of their days. */
export function weekBuckets(asOf: Date, timeZone: string, weeks: number): WeekBucket[] {
  const today = calendarDayOf(timeZone, asOf.getTime());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: weeks }, (_, i) => {
    const first = monday - (weeks - 1 - i) * 7 * DAY_MS;
    const days = Array.from({ length: 7 }, (_, d) => dayLabel(first + d * DAY_MS));
    return { start: new Date(midnightOf(timeZone, first)), label: days[0]!, days };
  });
}
