import type { Token } from './text.js';

/**
 * A small pattern language for intents, written as people write: slots separated by spaces.
 *
 * - `charge|bill` one slot with alternatives; words match across inflections (by stem),
 *   so `charge` finds "charged", "charging", "charges";
 * - `two_times` an alternative of several words;
 * - `=cancel` the exact word only ("cancel", not "cancelled");
 * - `my|our?` an optional slot;
 * - `~4` up to four other words of the same sentence in between.
 *
 * The first slot must be a required word slot: it indexes the pattern.
 */
export interface CompiledPattern {
  source: string;
  slots: Slot[];
}

type Alternative = { words: string[]; exact: boolean };
type Slot =
  { kind: 'words'; alternatives: Alternative[]; optional: boolean } | { kind: 'gap'; max: number };

export interface PatternMatch {
  start: number;
  /** Exclusive. */
  end: number;
}

export function compilePattern(source: string, stemOf: (word: string) => string): CompiledPattern {
  const slots: Slot[] = source
    .trim()
    .split(/\s+/)
    .map((part): Slot => {
      const gap = /^~(\d+)$/.exec(part);
      if (gap) return { kind: 'gap', max: Number(gap[1]) };
      const optional = part.endsWith('?') && part.length > 1;
      const body = optional ? part.slice(0, -1) : part;
      const alternatives = body.split('|').map((alternative) => {
        const exact = alternative.startsWith('=');
        const words = (exact ? alternative.slice(1) : alternative)
          .split('_')
          .map((word) => word.toLowerCase());
        return { exact, words: exact ? words : words.map(stemOf) };
      });
      return { kind: 'words', alternatives, optional };
    });
  const first = slots[0];
  if (first?.kind !== 'words' || first.optional)
    throw new Error(`Pattern "${source}" must start with a required word slot`);
  return { source, slots };
}

/**
 * What a sentence must contain for the pattern to have a chance: for each required slot, the
 * first words of its alternatives (stems, or exact words). Checking these against the
 * sentence's words rejects most candidates before any matching.
 */
export function requiredSlots(pattern: CompiledPattern): { stems: string[]; words: string[] }[] {
  return pattern.slots.flatMap((slot) => {
    if (slot.kind !== 'words' || slot.optional) return [];
    return [
      {
        stems: slot.alternatives.filter((a) => !a.exact).map((a) => a.words[0]!),
        words: slot.alternatives.filter((a) => a.exact).map((a) => a.words[0]!),
      },
    ];
  });
}

/** The keys under which a pattern is indexed: the first word of each first-slot alternative. */
export function indexKeys(pattern: CompiledPattern): { key: string; exact: boolean }[] {
  const first = pattern.slots[0] as Extract<Slot, { kind: 'words' }>;
  return first.alternatives.map((a) => ({ key: a.words[0]!, exact: a.exact }));
}

function alternativeAt(tokens: Token[], at: number, alternative: Alternative): number {
  for (let k = 0; k < alternative.words.length; k++) {
    const token = tokens[at + k];
    if (token === undefined) return -1;
    const value = alternative.exact ? token.word : token.stem;
    if (value !== alternative.words[k]) return -1;
  }
  return at + alternative.words.length;
}

/**
 * Matches `pattern` starting exactly at `start`; returns the end of the shortest match.
 * A gap never skips a token `mayNotSkip` refuses (a negation: "is not sorted" is not "is
 * sorted").
 */
export function matchAt(
  tokens: Token[],
  pattern: CompiledPattern,
  start: number,
  mayNotSkip: (token: Token) => boolean = () => false,
): number {
  const step = (slot: number, at: number): number => {
    if (slot === pattern.slots.length) return at;
    const current = pattern.slots[slot]!;
    if (current.kind === 'gap') {
      for (let skip = 0; skip <= current.max && at + skip <= tokens.length; skip++) {
        if (skip > 0 && mayNotSkip(tokens[at + skip - 1]!)) break;
        const end = step(slot + 1, at + skip);
        if (end >= 0) return end;
      }
      return -1;
    }
    for (const alternative of current.alternatives) {
      const next = alternativeAt(tokens, at, alternative);
      if (next >= 0) {
        const end = step(slot + 1, next);
        if (end >= 0) return end;
      }
    }
    return current.optional ? step(slot + 1, at) : -1;
  };
  return step(0, start);
}
