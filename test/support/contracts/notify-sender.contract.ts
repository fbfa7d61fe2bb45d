import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../src/domain/alerting/alert.types.js';
import type { NotifySender } from '../../../src/domain/alerting/ports.js';
import { Urgency } from '../../../src/domain/tickets/ticket.types.js';
import type { NotifyAnswer } from '../fakes.js';

const item: OutboxItem = {
  id: 'n1',
  tenantId: 'contract',
  externalId: 't1',
  reason: 'HIGH urgency',
  urgency: Urgency.HIGH,
  signals: ['outage'],
  attempts: 0,
  ticketActivityAt: new Date(),
  queuedAt: new Date(),
  onDemand: false,
};

/**
 * What every NotifySender answers in the four situations the dispatcher tells apart, run
 * against the scripted fake (unit) and the HTTP client over the mock provider (integration):
 * the dispatcher's retries and circuit breaker count on exactly these outcomes, and a send
 * never throws. `make` gives a sender whose /notify answers as told.
 */
export function notifySenderContract(
  name: string,
  make: (answer: NotifyAnswer) => Promise<NotifySender>,
) {
  describe(`NotifySender contract: ${name}`, () => {
    it('reports a delivery as ok', async () => {
      expect(await (await make('accepts')).send(item)).toEqual({ ok: true });
    });

    it('reports a failing provider as a failed dependency, with the error', async () => {
      expect(await (await make('fails')).send(item)).toEqual({
        ok: false,
        dependencyFailed: true,
        error: expect.stringMatching(/\S/),
      });
    });

    it('reports a refused request as a failure that is not the dependency', async () => {
      expect(await (await make('refuses')).send(item)).toEqual({
        ok: false,
        dependencyFailed: false,
        error: expect.stringMatching(/\S/),
      });
    });

    it('reports an unreachable provider as a failed dependency, without throwing', async () => {
      expect(await (await make('unreachable')).send(item)).toEqual({
        ok: false,
        dependencyFailed: true,
        error: expect.stringMatching(/\S/),
      });
    });
  });
}
