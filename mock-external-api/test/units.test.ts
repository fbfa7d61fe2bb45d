import { describe, expect, it } from 'vitest';
import { mockConfigFromEnv } from '../src/config.js';
import { NotifySimulator } from '../src/notify-simulator.js';
import { generateSeedTickets, SEED_KEYWORDS } from '../src/seed-data.js';
import { SlidingWindowLimiter } from '../src/sliding-window.js';

describe('sliding window', () => {
  it('never admits more than the limit in any window and says when a slot frees', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 1000, () => now);
    const admitted: number[] = [];
    for (now = 0; now < 5000; now += 50) {
      if (limiter.tryAcquire().allowed) admitted.push(now);
    }
    for (const start of admitted) {
      expect(admitted.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
    }
    now = 10_000;
    limiter.tryAcquire();
    now = 10_100;
    limiter.tryAcquire();
    limiter.tryAcquire();
    const verdict = limiter.tryAcquire();
    expect(verdict).toEqual({ allowed: false, retryAfterMs: 900 });
  });

  it('admits everything when the limit is 0', () => {
    const limiter = new SlidingWindowLimiter(0, 1000, () => 0);
    for (let i = 0; i < 500; i++) expect(limiter.tryAcquire().allowed).toBe(true);
  });
});

describe('notify simulator', () => {
  it('keeps the storm for its duration and does not count storm answers as attempts', () => {
    let now = 0;
    const notify = new NotifySimulator(
      { failuresPerTicket: 2, failureRate: 0, stormAfter: 10, stormMs: 30_000 },
      () => now,
    );
    for (let i = 0; i < 5; i++) {
      expect(notify.handle(`t/${i}`).status).toBe(500);
      expect(notify.handle(`t/${i}`).status).toBe(500);
    }
    expect(notify.stormActive()).toBe(true);
    now = 29_999;
    expect(notify.handle('t/0').status).toBe(503);
    now = 30_000;
    expect(notify.handle('t/0')).toEqual({ status: 200, attempt: 3 });
  });
});

describe('seed data', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const tickets = generateSeedTickets({ count: 10_000, seed: 7, now });

  it('is deterministic for a seed', () => {
    expect(generateSeedTickets({ count: 10_000, seed: 7, now })).toEqual(tickets);
    expect(generateSeedTickets({ count: 10_000, seed: 8, now })).not.toEqual(tickets);
  });

  it('has about 5% deleted and 10% modified tickets over the 30 days before now', () => {
    const deleted = tickets.filter((t) => t.deleted).length / tickets.length;
    const modified =
      tickets.filter((t) => t.ticket.updated_at > t.ticket.created_at).length / tickets.length;
    expect(deleted).toBeGreaterThan(0.04);
    expect(deleted).toBeLessThan(0.06);
    expect(modified).toBeGreaterThan(0.08);
    expect(modified).toBeLessThan(0.12);
    for (const { ticket } of tickets) {
      const created = Date.parse(ticket.created_at);
      expect(created).toBeLessThanOrEqual(now);
      expect(created).toBeGreaterThan(now - 30 * 24 * 3600 * 1000);
      expect(Date.parse(ticket.updated_at)).toBeLessThanOrEqual(now);
    }
  });

  it('spreads tickets over four tenants with ids unique per tenant and every keyword', () => {
    const keys = new Set(tickets.map((t) => `${t.ticket.tenant_id}/${t.ticket.id}`));
    expect(keys.size).toBe(tickets.length);
    expect(new Set(tickets.map((t) => t.ticket.tenant_id))).toEqual(
      new Set(['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d']),
    );
    const first = tickets[0]!.ticket;
    const keyword = first.subject.split(': ')[1]!;
    expect(SEED_KEYWORDS).toContain(keyword);
    expect(first.message).toBe(Array(3).fill(`This is a message about ${keyword}.`).join(' '));
    for (const word of SEED_KEYWORDS) {
      expect(tickets.some((t) => t.ticket.subject.endsWith(`: ${word}`))).toBe(true);
    }
  });

  it('has a tenth of thank-you notes, so the figures show some positive tickets', () => {
    const thanks = tickets.filter((t) => t.ticket.subject.startsWith('Thanks (')).length;
    expect(thanks / tickets.length).toBeGreaterThan(0.09);
    expect(thanks / tickets.length).toBeLessThan(0.11);
  });
});

describe('mock configuration', () => {
  it('uses the documented defaults and reads the knobs', () => {
    const defaults = mockConfigFromEnv({});
    expect(defaults).toMatchObject({
      port: 9000,
      rateLimit: 60,
      tickets: 10_000,
      notifyFailuresPerTicket: 2,
    });
    const custom = mockConfigFromEnv({
      MOCK_RATE_LIMIT: '0',
      MOCK_TICKETS: '50',
      MOCK_NOTIFY_LATENCY_MS: '5-10',
    });
    expect(custom).toMatchObject({
      rateLimit: 0,
      tickets: 50,
      notifyLatencyMinMs: 5,
      notifyLatencyMaxMs: 10,
    });
    expect(() => mockConfigFromEnv({ MOCK_RATE_LIMIT: 'lots' })).toThrow(/MOCK_RATE_LIMIT/);
  });
});

describe('notify idempotency', () => {
  it('answers a replayed success again without counting a second delivery', () => {
    const notify = new NotifySimulator(
      { failuresPerTicket: 0, failureRate: 0, stormAfter: 10, stormMs: 30_000 },
      () => 0,
    );
    expect(notify.handle('t/1', 'key-1')).toEqual({ status: 200, attempt: 1 });
    expect(notify.handle('t/1', 'key-1')).toMatchObject({ status: 200, replayed: true });
    expect(notify.handle('t/1')).toEqual({ status: 200, attempt: 2 });
    expect(notify.deliveries()).toEqual({ 't/1': 2 });
  });
});

describe('notify failing at random', () => {
  it('fails about the configured share of calls, whichever ticket they are for', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const notify = new NotifySimulator(
      { failuresPerTicket: 0, failureRate: 0.2, stormAfter: 0, stormMs: 0 },
      () => 0,
      random,
    );
    const outcomes = Array.from({ length: 2000 }, (_, i) => notify.handle(`t/${i}`).status);
    const failed = outcomes.filter((status) => status === 500).length / outcomes.length;
    expect(failed).toBeGreaterThan(0.17);
    expect(failed).toBeLessThan(0.23);
  });
});
