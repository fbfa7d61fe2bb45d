import { describe, expect, it } from 'vitest';
import { backoffDelay, retrying } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, capMs: 15_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10].map((attempt) =>
      backoffDelay(attempt, policy, () => 1),
    );
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(500);
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, policy));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });
});

describe('retrying', () => {
  it('retries until the operation succeeds, with a pause between tries', async () => {
    let calls = 0;
    const pauses: number[] = [];
    const result = await retrying(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('down');
        return 'ok';
      },
      {
        attempts: 5,
        policy: { baseMs: 100, capMs: 1000 },
        sleep: async (ms) => void pauses.push(ms),
      },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(pauses).toHaveLength(2);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    const failing = retrying(
      async () => {
        calls += 1;
        throw new Error(`down ${calls}`);
      },
      { attempts: 3, policy: { baseMs: 1, capMs: 1 }, sleep: async () => {} },
    );
    await expect(failing).rejects.toThrow('down 3');
  });
});
