import { describe, expect, it } from 'vitest';
import { liveFacts } from '../../../test/support/fakes.js';
import { Sentiment, TicketStatus, Urgency } from '../tickets/ticket.types.js';
import { latestGained, quarterOf, RollupDelta } from './rollup-delta.js';

const at = (iso: string) => new Date(iso);

describe('RollupDelta', () => {
  it('adds what a new ticket counts and takes away what a deleted one counted', () => {
    const ticket = liveFacts({
      urgency: Urgency.HIGH,
      sentiment: Sentiment.NEGATIVE,
      requiresAction: true,
      keywords: ['refund', 'refund', 'outage'],
    });
    const delta = RollupDelta.of([{ from: null, to: ticket }]);
    expect(delta.total).toBe(1);
    expect(delta.requiresAction).toBe(1);
    expect(delta.byUrgency).toEqual(new Map([[Urgency.HIGH, 1]]));
    // Each matched keyword counts, as the scan's $unwind does.
    expect(delta.keywords).toEqual(
      new Map([
        ['refund', 2],
        ['outage', 1],
      ]),
    );
    expect(delta.quarters).toEqual(new Map([[quarterOf(ticket.createdAt.getTime()), 1]]));
    expect(delta.customers.get('cust-1')).toMatchObject({
      tickets: 1,
      negative: 1,
      high: 1,
      open: 1,
    });
    expect(RollupDelta.of([{ from: ticket, to: null }]).total).toBe(-1);
  });

  it('is empty for a write that changes nothing counted, and for changes that cancel out', () => {
    const ticket = liveFacts();
    expect(RollupDelta.of([{ from: ticket, to: { ...ticket } }]).isEmpty).toBe(true);
    const closed = { ...ticket, status: TicketStatus.CLOSED };
    expect(
      RollupDelta.of([
        { from: ticket, to: closed },
        { from: closed, to: ticket },
      ]).isEmpty,
    ).toBe(true);
    expect(RollupDelta.of([{ from: ticket, to: closed }]).isEmpty).toBe(false);
  });

  it('moves a ticket between buckets and customers, and names customers whose latest ticket may have left', () => {
    const before = liveFacts({ createdAt: at('2026-11-01T10:00:00Z'), customerId: 'a' });
    const moved = { ...before, createdAt: at('2026-11-02T10:00:00Z'), customerId: 'b' };
    const delta = RollupDelta.of([{ from: before, to: moved }]);
    expect(delta.total).toBe(0);
    expect([...delta.quarters.values()].sort()).toEqual([-1, 1]);
    expect(delta.customersLosingTickets()).toEqual(['a']);
    expect(latestGained(delta.customers.get('b')!)).toEqual(moved.createdAt);
    expect(latestGained(delta.customers.get('a')!)).toBeNull();
    // A status change keeps the customer's tickets and times: nothing to read again.
    const closed = RollupDelta.of([
      { from: before, to: { ...before, status: TicketStatus.CLOSED } },
    ]);
    expect(closed.customersLosingTickets()).toEqual([]);
    expect(closed.customers.get('a')).toMatchObject({ tickets: 0, open: -1 });
  });
});
