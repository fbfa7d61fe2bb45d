import type { RecordedCall } from '../../mock-external-api/src/server.js';

/** The most calls any rolling window of `windowMs` held, over calls the limit counts. */
export function busiestWindow(calls: RecordedCall[], windowMs = 60_000): number {
  const times = calls
    .filter((c) => c.path !== '/health' && c.path !== '/notify')
    .map((c) => c.at)
    .sort((x, y) => x - y);
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}
