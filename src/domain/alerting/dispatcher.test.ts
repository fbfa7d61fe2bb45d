import { afterEach, describe, expect, it } from 'vitest';
import {
  InMemoryAlertOutbox,
  memoryBreakerStore,
  ScriptedSender,
  silentLogger,
  testClassification,
  until,
} from '../../../test/support/fakes.js';
import { Urgency } from '../tickets/ticket.types.js';
import { highUrgencyAlert } from './alert-policy.js';
import { NotificationStatus } from './alert.types.js';
import { CircuitBreaker, NOTIFY_BREAKER_POLICY } from './circuit-breaker.js';

const SETTINGS = { ...NOTIFY_BREAKER_POLICY, openMs: 30_000 };
import { NotificationDispatcher } from './dispatcher.js';
import type { SendResult } from './ports.js';

const FAILED_CALL: SendResult = { ok: false, dependencyFailed: true, error: 'HTTP 500' };
const REJECTED: SendResult = { ok: false, dependencyFailed: false, error: 'HTTP 400' };
const HIGH = testClassification(Urgency.HIGH);

let running: NotificationDispatcher[] = [];
afterEach(async () => {
  await Promise.all(running.map((d) => d.stop()));
  running = [];
});

async function harness(options: { script?: SendResult[]; alerts?: number; maxAttempts?: number }) {
  const outbox = new InMemoryAlertOutbox();
  const at = new Date(Date.now() - 1000);
  await outbox.enqueue(
    Array.from({ length: options.alerts ?? 1 }, (_, i) =>
      highUrgencyAlert({ tenantId: 'a', externalId: `t${i}`, id: `ticket-${i}` }, HIGH, at),
    ),
  );
  const sender = new ScriptedSender(options.script);
  const events: string[] = [];
  const observer = {
    delivered: () => events.push('delivered'),
    attemptFailed: () => events.push('attemptFailed'),
    gaveUp: () => events.push('gaveUp'),
    shortCircuited: () => events.push('shortCircuited'),
    transition: (from: string, to: string) => events.push(`${from}->${to}`),
  };
  const breaker = new CircuitBreaker(memoryBreakerStore(), SETTINGS, observer);
  const dispatcher = new NotificationDispatcher(outbox, sender, breaker, observer, silentLogger, {
    owner: 'me',
    concurrency: 2,
    maxAttempts: options.maxAttempts ?? 5,
    leaseMs: 10_000,
    pollMs: 5,
    backoff: { baseMs: 1, capMs: 5 },
  });
  running.push(dispatcher);
  dispatcher.start();
  const settled = () =>
    until(() => outbox.alerts.every((a) => a.status !== NotificationStatus.PENDING));
  return { outbox, sender, events, breaker, settled };
}

describe('NotificationDispatcher (in-memory outbox)', () => {
  it('delivers every due alert exactly once', async () => {
    const h = await harness({ alerts: 5 });
    await h.settled();
    expect(h.outbox.alerts.map((a) => [a.status, a.attempts])).toEqual(
      Array(5).fill([NotificationStatus.DELIVERED, 1]),
    );
    expect(h.sender.sent.map((item) => item.externalId).sort()).toEqual([
      't0',
      't1',
      't2',
      't3',
      't4',
    ]);
  });

  it('retries failures of the provider with backoff, counting attempts', async () => {
    const h = await harness({ script: [FAILED_CALL, FAILED_CALL] });
    await h.settled();
    expect(h.outbox.alerts[0]).toMatchObject({ status: NotificationStatus.DELIVERED, attempts: 3 });
    expect(h.events.filter((e) => e === 'attemptFailed')).toHaveLength(2);
  });

  it('fails an alert at once when the provider rejects the request itself', async () => {
    const h = await harness({ script: [REJECTED] });
    await h.settled();
    expect(h.outbox.alerts[0]).toMatchObject({
      status: NotificationStatus.FAILED,
      attempts: 1,
      lastError: 'HTTP 400',
    });
    expect(h.events).toContain('gaveUp');
  });

  it('gives up after maxAttempts, and an admin requeue gives fresh attempts', async () => {
    const h = await harness({ script: [FAILED_CALL, FAILED_CALL], maxAttempts: 2 });
    await h.settled();
    expect(h.outbox.alerts[0]).toMatchObject({ status: NotificationStatus.FAILED, attempts: 2 });
    expect(await h.outbox.requeueFailed('a', new Date())).toBe(1);
    await until(() => h.outbox.alerts[0]!.status === NotificationStatus.DELIVERED);
    expect(h.outbox.alerts[0]!.attempts).toBe(1);
  });

  it('sends nothing while the circuit is open and uses no attempt for it', async () => {
    const h = await harness({ script: Array(5).fill(FAILED_CALL), alerts: 1, maxAttempts: 100 });
    await until(() => h.events.includes('CLOSED->OPEN'));
    const sent = h.sender.sent.length;
    await until(() => h.events.includes('shortCircuited'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.sender.sent.length).toBe(sent);
    expect(h.outbox.alerts[0]).toMatchObject({ status: NotificationStatus.PENDING, attempts: 5 });
  });
});
