import { describe, expect, it } from 'vitest';
import { testClassification } from '../../../test/support/fakes.js';
import { Urgency } from '../tickets/ticket.types.js';
import { classifyInTurns } from './classify-in-turns.js';

/** A classifier that spends `ms` of CPU on every ticket. */
function busyClassifier(ms: number, calls: string[]) {
  return (ticket: { id: string }) => {
    calls.push(ticket.id);
    const until = performance.now() + ms;
    while (performance.now() < until);
    return testClassification(ticket.id.startsWith('h') ? Urgency.HIGH : Urgency.LOW);
  };
}

describe('classifyInTurns', () => {
  it('answers each ticket of the batch with its own labels, classifying each once', async () => {
    const calls: string[] = [];
    const tickets = [{ id: 'h1' }, { id: 'l1' }, { id: 'h2' }];
    const classified = await classifyInTurns(tickets, busyClassifier(0, calls));
    expect(tickets.map((t) => classified(t).urgency)).toEqual([
      Urgency.HIGH,
      Urgency.LOW,
      Urgency.HIGH,
    ]);
    expect(calls).toEqual(['h1', 'l1', 'h2']);
  });

  it('lets timers run while a long batch is classified', async () => {
    const tickets = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}` }));
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 1);
    const started = performance.now();
    await classifyInTurns(tickets, busyClassifier(2, []));
    clearInterval(timer);
    // 80 ms of work: an unbroken batch would let no timer fire before it ends.
    expect(ticks.filter((at) => at > started).length).toBeGreaterThan(3);
  });
});
