import { setImmediate } from 'node:timers/promises';
import type { Classification } from '../tickets/ticket.types.js';

/** The longest stretch of classifying before other work gets the event loop. */
const TURN_MS = 5;

/**
 * Classifies a batch of tickets without holding the event loop: classifying is CPU work
 * (about a millisecond a ticket), so a page or batch done in one go would stall every
 * request, probe and live update for tens or hundreds of milliseconds. After every few
 * milliseconds of work it yields, and everything waiting runs in between.
 *
 * The answer looks up a ticket of the batch; one it was not given is classified then.
 */
export async function classifyInTurns<T extends object>(
  tickets: readonly T[],
  classify: (ticket: T) => Classification,
): Promise<(ticket: T) => Classification> {
  const classified = new Map<T, Classification>();
  let turnStarted = performance.now();
  for (const ticket of tickets) {
    classified.set(ticket, classify(ticket));
    if (performance.now() - turnStarted < TURN_MS) continue;
    await setImmediate();
    turnStarted = performance.now();
  }
  return (ticket) => classified.get(ticket) ?? classify(ticket);
}
