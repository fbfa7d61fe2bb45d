import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './provider-client.js';

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and falls back to one second', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('0.5')).toBe(500);
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(retryAfterMs('Sat, 28 Nov 2026 12:00:20 GMT', now)).toBe(20_000);
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs('soon')).toBe(1000);
    expect(retryAfterMs('-5')).toBe(1000);
  });
});
