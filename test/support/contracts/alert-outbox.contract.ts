import { describe, expect, it } from 'vitest';
import { movesFor, skipping } from '../../../src/domain/alerting/alert-moves.js';
import { decideAlert, HIGH_URGENCY_REASON } from '../../../src/domain/alerting/alert-policy.js';
import {
  NotificationSkipReason,
  NotificationStatus,
  type RequeueFilter,
} from '../../../src/domain/alerting/alert.types.js';
import type { AlertOutbox } from '../../../src/domain/alerting/ports.js';
import { TicketStatus } from '../../../src/domain/tickets/ticket.types.js';
import { highTicketAged } from '../fakes.js';

const HOUR = 3_600_000;

/**
 * What every AlertOutbox does with decisions and moves, run against the in-memory fake
 * (unit) and the MongoDB adapter (integration) alike. `make` gives an empty outbox.
 */
export function alertOutboxContract(name: string, make: () => Promise<AlertOutbox>) {
  describe(`AlertOutbox contract: ${name}`, () => {
    const now = new Date();
    const due = (id: string) => decideAlert(highTicketAged(id, HOUR), now, 24 * HOUR);
    const closed = (id: string) =>
      decideAlert({ ...highTicketAged(id, HOUR), status: TicketStatus.CLOSED }, now, 24 * HOUR);
    const statusOf = async (outbox: AlertOutbox, id: string) => {
      const found = await outbox.findForTickets([`ticket-${id}`], HIGH_URGENCY_REASON);
      const record = found.get(`ticket-${id}`);
      return record && [record.status, record.skipReason];
    };

    it('stores one alert per ticket and reason, as first decided, and says which it stored', async () => {
      const outbox = await make();
      expect(await outbox.insertNew([due('1'), closed('2')])).toEqual([true, true]);
      expect(await outbox.insertNew([closed('1'), due('3')])).toEqual([false, true]);
      expect(await statusOf(outbox, '1')).toEqual([NotificationStatus.PENDING, null]);
      expect(await statusOf(outbox, '2')).toEqual([
        NotificationStatus.SKIPPED,
        NotificationSkipReason.CLOSED,
      ]);
    });

    it('moves an alert only from the states a move names, and counts what it applied', async () => {
      const outbox = await make();
      await outbox.insertNew([due('1'), closed('2')]);
      // Due again: the skipped one becomes due (counted), then both due ones are touched.
      expect(await outbox.applyMoves([...movesFor(due('1')), ...movesFor(due('2'))])).toEqual({
        applied: 3,
        madeDue: 1,
      });
      expect(await statusOf(outbox, '2')).toEqual([NotificationStatus.PENDING, null]);
      // Withdrawn: both open alerts are skipped with the reason.
      const withdraw = (id: string) =>
        skipping(
          { tenantId: 'a', externalId: id, reason: HIGH_URGENCY_REASON },
          NotificationSkipReason.DELETED,
        );
      expect(await outbox.applyMoves([withdraw('1'), withdraw('2'), withdraw('9')])).toEqual({
        applied: 2,
        madeDue: 0,
      });
      expect(await statusOf(outbox, '1')).toEqual([
        NotificationStatus.SKIPPED,
        NotificationSkipReason.DELETED,
      ]);
    });

    it('leaves an alert an admin sent on demand to the moves that allow it', async () => {
      const outbox = await make();
      await outbox.insertNew([closed('1')]);
      const filter: RequeueFilter = {
        tenantId: 'a',
        statuses: [NotificationStatus.SKIPPED],
        skipReason: null,
      };
      expect(await outbox.requeue(filter, now)).toBe(1);
      expect(await outbox.applyMoves(movesFor(closed('1')))).toEqual({ applied: 0, madeDue: 0 });
      expect(await statusOf(outbox, '1')).toEqual([NotificationStatus.PENDING, null]);
    });
  });
}
