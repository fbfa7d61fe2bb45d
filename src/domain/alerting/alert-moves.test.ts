import { describe, expect, it } from 'vitest';
import { alertOutboxContract } from '../../../test/support/contracts/alert-outbox.contract.js';
import { highTicketAged, InMemoryAlertOutbox } from '../../../test/support/fakes.js';
import { applies, movesFor, skipping } from './alert-moves.js';
import { decideAlert } from './alert-policy.js';
import { NotificationSkipReason, NotificationStatus } from './alert.types.js';
import { TicketStatus } from '../tickets/ticket.types.js';

const HOUR = 3_600_000;
const now = new Date();
const due = decideAlert(highTicketAged('1', HOUR), now, 24 * HOUR);
const notDue = decideAlert(
  { ...highTicketAged('1', HOUR), status: TicketStatus.CLOSED },
  now,
  24 * HOUR,
);
const { PENDING, SKIPPED, DELIVERED, FAILED } = NotificationStatus;

/** The state an alert ends in after the moves, from `status` (sent on demand or not). */
function after(moves: ReturnType<typeof movesFor>, status: NotificationStatus, onDemand = false) {
  let alert = { status, onDemand, skipReason: null as NotificationSkipReason | null };
  for (const move of moves) if (applies(move, alert)) alert = { ...alert, ...move.set };
  return [alert.status, alert.skipReason];
}

describe('the alert state machine (no database)', () => {
  it('makes a skipped alert due when its ticket qualifies again, and keeps a due one due', () => {
    expect(after(movesFor(due), SKIPPED)).toEqual([PENDING, null]);
    expect(after(movesFor(due), PENDING)).toEqual([PENDING, null]);
    expect(movesFor(due).filter((move) => move.makesDue)).toHaveLength(1);
  });

  it('skips a due alert whose ticket no longer qualifies, with the reason', () => {
    expect(after(movesFor(notDue), PENDING)).toEqual([SKIPPED, NotificationSkipReason.CLOSED]);
  });

  it('never moves a delivered or failed alert', () => {
    for (const status of [DELIVERED, FAILED]) {
      expect(after(movesFor(due), status)).toEqual([status, null]);
      expect(after(movesFor(notDue), status)).toEqual([status, null]);
    }
  });

  it('leaves an alert an admin sent on demand due, whatever the rule says now', () => {
    expect(after(movesFor(notDue), PENDING, true)).toEqual([PENDING, null]);
    const withdrawn = skipping(
      { tenantId: 'a', externalId: '1', reason: due.reason },
      NotificationSkipReason.CORRECTED,
    );
    expect(after([withdrawn], PENDING, true)).toEqual([PENDING, null]);
    expect(after([withdrawn], PENDING)).toEqual([SKIPPED, NotificationSkipReason.CORRECTED]);
  });
});

alertOutboxContract('in memory', async () => new InMemoryAlertOutbox());
