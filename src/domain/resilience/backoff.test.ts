import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

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
