import { afterEach, describe, expect, it } from 'vitest';
import {
  InMemoryAlertOutbox,
  memoryBreakerStore,
  NOTIFY_ANSWERS,
  ScriptedSender,
  silentLogger,
  highTicketAged,
} from '../../../test/support/fakes.js';
import { until } from '../../../test/support/eventually.js';
import { decideAlert } from './alert-policy.js';
import { NotificationSkipReason, NotificationStatus, type RequeueFilter } from './alert.types.js';
import { CircuitBreaker, NOTIFY_BREAKER_POLICY } from './circuit-breaker.js';
import { NotificationDispatcher } from './dispatcher.js';
import type { SendResult } from './ports.js';

const FAILED_CALL = NOTIFY_ANSWERS.fails;
const REJECTED = NOTIFY_ANSWERS.refuses;
const HOUR = 3_600_000;

let running: NotificationDispatcher[] = [];
afterEach(async () => {
  await Promise.all(running.map((d) => d.stop()));
  running = [];
});

/** Alerts queued for tickets of the given ages (newest last unless said otherwise). */
async function queued(outbox: InMemoryAlertOutbox, agesMs: number[], maxAgeMs = 24 * HOUR) {
  const now = new Date();
  await outbox.insertNew(
    agesMs.map((age, i) => decideAlert(highTicketAged(`t${i}`, age), now, maxAgeMs)),
  );
}

function harness(
  outbox: InMemoryAlertOutbox,
  options: {
    script?: SendResult[];
    maxAttempts?: number;
    concurrency?: number;
    openMs?: number;
    maxAgeMs?: number;
  } = {},
) {
  const sender = new ScriptedSender(options.script);
  const events: string[] = [];
  const observer = {
    delivered: () => void events.push('delivered'),
    attemptFailed: () => void events.push('attemptFailed'),
    gaveUp: () => void events.push('gaveUp'),
    shortCircuited: () => void events.push('shortCircuited'),
    skipped: () => void events.push('skipped'),
    transition: (from: string, to: string) => void events.push(`${from}->${to}`),
  };
  const breaker = new CircuitBreaker(
    memoryBreakerStore(),
    { ...NOTIFY_BREAKER_POLICY, openMs: options.openMs ?? 30_000 },
    observer,
  );
  const dispatcher = new NotificationDispatcher(outbox, sender, breaker, observer, silentLogger, {
    owner: 'me',
    concurrency: options.concurrency ?? 2,
    maxAttempts: options.maxAttempts ?? 5,
    leaseMs: 10_000,
    pollMs: 5,
    backoff: { baseMs: 1, capMs: 5 },
    maxAgeMs: options.maxAgeMs ?? 24 * HOUR,
  });
  running.push(dispatcher);
  const settled = () =>
    until(() => outbox.alerts.every((a) => a.status !== NotificationStatus.PENDING));
  return { sender, events, breaker, dispatcher, settled };
}

describe('NotificationDispatcher (in-memory outbox)', () => {
  it('delivers every due alert exactly once', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(
      outbox,
      [5, 4, 3, 2, 1].map((m) => m * 60_000),
    );
    const h = harness(outbox);
    h.dispatcher.start();
    await h.settled();
    expect(outbox.alerts.map((a) => [a.status, a.attempts])).toEqual(
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

  it('sends the alert of the freshest ticket first', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [3 * HOUR, 1000, 2 * HOUR, 60_000]);
    const h = harness(outbox, { concurrency: 1 });
    h.dispatcher.start();
    await h.settled();
    expect(h.sender.sent.map((item) => item.externalId)).toEqual(['t1', 't3', 't2', 't0']);
  });

  it('retries failures of the provider with backoff, counting attempts', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [1000]);
    const h = harness(outbox, { script: [FAILED_CALL, FAILED_CALL] });
    h.dispatcher.start();
    await h.settled();
    expect(outbox.alerts[0]).toMatchObject({ status: NotificationStatus.DELIVERED, attempts: 3 });
    expect(h.events.filter((e) => e === 'attemptFailed')).toHaveLength(2);
  });

  it('fails an alert at once when the provider rejects the request itself', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [1000]);
    const h = harness(outbox, { script: [REJECTED] });
    h.dispatcher.start();
    await h.settled();
    expect(outbox.alerts[0]).toMatchObject({
      status: NotificationStatus.FAILED,
      attempts: 1,
      lastError: 'HTTP 400',
    });
    expect(h.events).toContain('gaveUp');
  });

  it('gives up after maxAttempts; sent on demand, it gets fresh attempts', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [1000]);
    const h = harness(outbox, { script: [FAILED_CALL, FAILED_CALL], maxAttempts: 2 });
    h.dispatcher.start();
    await h.settled();
    expect(outbox.alerts[0]).toMatchObject({ status: NotificationStatus.FAILED, attempts: 2 });
    const filter: RequeueFilter = {
      tenantId: 'a',
      statuses: [NotificationStatus.FAILED],
      skipReason: null,
    };
    expect(await outbox.requeue(filter, new Date())).toBe(1);
    await until(() => outbox.alerts[0]!.status === NotificationStatus.DELIVERED);
    expect(outbox.alerts[0]!.attempts).toBe(1);
  });

  it('sends nothing while the circuit is open and uses no attempt for it', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [1000]);
    const h = harness(outbox, { script: Array(5).fill(FAILED_CALL), maxAttempts: 100 });
    h.dispatcher.start();
    await until(() => h.events.includes('CLOSED->OPEN'));
    const sent = h.sender.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.sender.sent.length).toBe(sent);
    expect(outbox.alerts[0]).toMatchObject({ status: NotificationStatus.PENDING, attempts: 5 });
  });

  it('makes the one HALF_OPEN trial the alert likeliest to get through, then goes freshest first', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [2 * HOUR, HOUR]);
    // The older alert has failed twice already (the provider fails each alert's first calls).
    Object.assign(outbox.alerts[0]!, { attempts: 2 });
    const h = harness(outbox, { concurrency: 1, openMs: 40 });
    for (let i = 0; i < 5; i++) await h.breaker.record({ failed: true, trial: false });
    expect((await h.breaker.status()).state).toBe('OPEN');
    await queued(outbox, [2 * HOUR, HOUR, 1000]); // a fresh ticket arrives meanwhile
    h.dispatcher.start();
    await h.settled();
    expect(h.sender.sent.map((item) => item.externalId)).toEqual(['t0', 't2', 't1']);
    expect(h.events).toContain('HALF_OPEN->CLOSED');
  });

  it('skips an alert that went stale waiting, unless an admin sent it on demand', async () => {
    const outbox = new InMemoryAlertOutbox();
    await queued(outbox, [2 * HOUR], 0); // due when recorded: no age limit then
    const h = harness(outbox, { maxAgeMs: HOUR });
    h.dispatcher.start();
    await h.settled();
    expect(outbox.alerts[0]).toMatchObject({
      status: NotificationStatus.SKIPPED,
      skipReason: NotificationSkipReason.STALE,
    });
    expect(h.sender.sent).toEqual([]);
    const filter: RequeueFilter = {
      tenantId: null,
      statuses: [NotificationStatus.SKIPPED],
      skipReason: null,
    };
    expect(await outbox.requeue(filter, new Date())).toBe(1);
    await h.settled();
    expect(outbox.alerts[0]!.status).toBe(NotificationStatus.DELIVERED);
    expect(h.sender.sent).toHaveLength(1);
  });
});
