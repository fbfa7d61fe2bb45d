import { describe, expect, it } from 'vitest';
import { compilePattern, matchAt } from './patterns.js';
import { stem, tokenize } from './text.js';

function finds(pattern: string, text: string): boolean {
  const compiled = compilePattern(pattern, stem);
  const tokens = tokenize(text);
  return tokens.some((_, start) => matchAt(tokens, compiled, start) >= 0);
}

describe('intent patterns', () => {
  it('match words across inflections', () => {
    expect(finds('charge twice', 'they charged me twice')).toBe(false);
    expect(finds('charge ~1 twice', 'they charged me twice')).toBe(true);
    expect(finds('charge ~1 twice', 'charging us twice')).toBe(true);
  });

  it('take alternatives, several-word alternatives and optional slots', () => {
    expect(finds('bill|debit two_times', 'debited two times')).toBe(true);
    expect(finds('close my? account', 'close account')).toBe(true);
    expect(finds('close my? account', 'close my account')).toBe(true);
    expect(finds('close my? account', 'close their account')).toBe(false);
  });

  it('bound gaps by their size', () => {
    expect(finds('take ~6 twice', 'took the monthly fee out of my account twice')).toBe(false);
    expect(finds('take ~7 twice', 'took the monthly fee out of my account twice')).toBe(true);
  });

  it('match exact word forms when asked', () => {
    expect(finds('=cancel ~2 plan', 'cancel my plan')).toBe(true);
    expect(finds('=cancel ~2 plan', 'they cancelled my plan')).toBe(false);
  });

  it('refuse a pattern that does not start with a required word', () => {
    expect(() => compilePattern('~2 refund', stem)).toThrow(/must start/);
    expect(() => compilePattern('my? refund', stem)).toThrow(/must start/);
  });
});
