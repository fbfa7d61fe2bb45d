import { describe, expect, it } from 'vitest';
import { CircuitState } from './circuit.types.js';
import { memoryBreakerStore } from '../../../test/support/fakes.js';
import { CircuitBreaker, NOTIFY_BREAKER_POLICY } from './circuit-breaker.js';

const SETTINGS = { ...NOTIFY_BREAKER_POLICY, openMs: 30_000 };

function setup() {
  let now = 1_000_000;
  const transitions: string[] = [];
  const breaker = new CircuitBreaker(
    memoryBreakerStore(),
    SETTINGS,
    { transition: (from, to) => transitions.push(`${from}->${to}`) },
    () => now,
  );
  return { breaker, transitions, advance: (ms: number) => (now += ms), at: () => now };
}

async function call(breaker: CircuitBreaker, failed: boolean) {
  const gate = await breaker.acquire();
  if (gate.allowed) await breaker.record({ failed, trial: gate.trial });
  return gate;
}

describe('CircuitBreaker', () => {
  it('stays CLOSED with 4 failures among the last 10 calls and opens at the 5th', async () => {
    const { breaker, transitions } = setup();
    for (const failed of [true, false, true, false, true, false, true, false, false, false])
      await call(breaker, failed);
    expect(await breaker.status()).toMatchObject({
      state: 'CLOSED',
      failureCount: 4,
      windowSize: 10,
    });
    await call(breaker, true);
    expect((await breaker.status()).state).toBe('CLOSED'); // the oldest failure left the window
    await call(breaker, true);
    expect(await breaker.status()).toMatchObject({ state: 'OPEN', failureCount: 5 });
    expect(transitions).toEqual(['CLOSED->OPEN']);
  });

  it('makes no call while OPEN and says when the next attempt may go', async () => {
    const { breaker, at } = setup();
    for (let i = 0; i < 5; i++) await call(breaker, true);
    const status = await breaker.status();
    expect(status.openedAt?.getTime()).toBe(at());
    expect(status.nextAttemptAt?.getTime()).toBe(at() + 30_000);
    for (let i = 0; i < 20; i++) {
      const gate = await breaker.acquire();
      expect(gate).toEqual({ allowed: false, trial: false, retryAt: at() + 30_000 });
    }
  });

  it('lets exactly one trial through in HALF_OPEN under concurrent callers, and closes on its success', async () => {
    const { breaker, advance, transitions } = setup();
    for (let i = 0; i < 5; i++) await call(breaker, true);
    advance(30_000);
    const gates = await Promise.all(Array.from({ length: 25 }, () => breaker.acquire()));
    expect(gates.filter((g) => g.allowed)).toEqual([{ allowed: true, trial: true, retryAt: null }]);
    expect((await breaker.status()).state).toBe(CircuitState.HALF_OPEN);
    await breaker.record({ failed: false, trial: true });
    expect(await breaker.status()).toMatchObject({
      state: 'CLOSED',
      failureCount: 0,
      openedAt: null,
      nextAttemptAt: null,
    });
    expect(transitions).toEqual(['CLOSED->OPEN', 'OPEN->HALF_OPEN', 'HALF_OPEN->CLOSED']);
  });

  it('reopens for another 30 s when the trial fails', async () => {
    const { breaker, advance, at, transitions } = setup();
    for (let i = 0; i < 5; i++) await call(breaker, true);
    advance(31_000);
    const gate = await call(breaker, true);
    expect(gate.trial).toBe(true);
    expect(await breaker.status()).toMatchObject({
      state: 'OPEN',
      failureCount: 6,
      nextAttemptAt: new Date(at() + 30_000),
    });
    expect(transitions).toEqual(['CLOSED->OPEN', 'OPEN->HALF_OPEN', 'HALF_OPEN->OPEN']);
  });

  it('gives a new trial when the previous trial never reported back', async () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 5; i++) await call(breaker, true);
    advance(30_000);
    expect((await breaker.acquire()).trial).toBe(true);
    expect((await breaker.acquire()).allowed).toBe(false);
    advance(15_000);
    expect(await breaker.acquire()).toMatchObject({ allowed: true, trial: true });
  });

  it('ignores late results of calls admitted before the circuit opened, and resets to CLOSED', async () => {
    const { breaker } = setup();
    const late = await breaker.acquire();
    for (let i = 0; i < 5; i++) await call(breaker, true);
    await breaker.record({ failed: false, trial: late.trial });
    expect((await breaker.status()).state).toBe('OPEN');
    expect(await breaker.reset()).toMatchObject({ state: 'CLOSED', failureCount: 0 });
    expect((await breaker.acquire()).allowed).toBe(true);
  });

  it('tells a caller what it would be told, without taking the trial', async () => {
    const { breaker, advance, at } = setup();
    expect(await breaker.outlook()).toEqual({ kind: 'closed', headroom: 4 });
    await call(breaker, true);
    await call(breaker, false);
    expect(await breaker.outlook()).toEqual({ kind: 'closed', headroom: 3 });
    for (let i = 0; i < 4; i++) await call(breaker, true);
    expect(await breaker.outlook()).toEqual({ kind: 'wait', until: at() + 30_000 });
    advance(30_000);
    expect(await breaker.outlook()).toEqual({ kind: 'trial' });
    expect(await breaker.outlook()).toEqual({ kind: 'trial' });
    expect((await breaker.acquire()).trial).toBe(true);
    expect((await breaker.outlook()).kind).toBe('wait');
  });
});
