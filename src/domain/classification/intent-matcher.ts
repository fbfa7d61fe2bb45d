import {
  compilePattern,
  indexKeys,
  matchAt,
  requiredSlots,
  type CompiledPattern,
} from './patterns.js';
import type { Reading, Sentence } from './reading.js';
import { isNegation, negatedAt, type Token } from './text.js';
import type { Intent, IntentRule } from './rules.js';

const isNegator = (token: Token) => isNegation(token.word);
/** A word this rule reads as a name, not its signal ("Sue", "Riverside Urgent Care"). */
const isNameTo = (rule: IntentRule, token: Token) =>
  rule.namesAreNot === 'anywhere'
    ? token.capitalised
    : rule.namesAreNot !== undefined && token.name;

/** Why a hit does not count as the customer's current situation. */
export type HitStatus =
  'live' | 'negated' | 'topic' | 'past' | 'called-off' | 'calmed' | 'other-sense' | 'quoted';

export interface Hit {
  intent: Intent;
  keyword: string;
  sentence: number;
  start: number;
  end: number;
  /** The words matched, for the signal. */
  text: string;
  status: HitStatus;
  /** Where the hit came from: a rule pattern, or the semantic model's nearest example. */
  source: string;
}

interface Indexed {
  rule: IntentRule;
  pattern: CompiledPattern;
  required: { stems: string[]; words: string[] }[];
}

interface CompiledRule {
  rule: IntentRule;
  unless: CompiledPattern[];
  unlessTicket: CompiledPattern[];
  requiresTicket: CompiledPattern[];
}

/** Finds every rule pattern in a reading, with negation and other-sense exclusions applied. */
export class IntentMatcher {
  private readonly byStem = new Map<string, Indexed[]>();
  private readonly byWord = new Map<string, Indexed[]>();
  private readonly compiled = new Map<IntentRule, CompiledRule>();

  constructor(rules: IntentRule[], stemOf: (word: string) => string) {
    const compile = (source: string) => compilePattern(source, stemOf);
    for (const rule of rules) {
      this.compiled.set(rule, {
        rule,
        unless: (rule.unless ?? []).map(compile),
        unlessTicket: (rule.unlessTicket ?? []).map(compile),
        requiresTicket: (rule.requiresTicket ?? []).map(compile),
      });
      for (const source of rule.patterns) {
        const pattern = compile(source);
        const entry = { rule, pattern, required: requiredSlots(pattern) };
        for (const { key, exact } of indexKeys(pattern)) {
          const index = exact ? this.byWord : this.byStem;
          const list = index.get(key) ?? [];
          if (!list.includes(entry)) list.push(entry);
          index.set(key, list);
        }
      }
    }
  }

  /** The patterns that can start at this token: indexed by its stem, or by its exact word. */
  private *candidatesAt(token: Token): Iterable<Indexed> {
    yield* this.byStem.get(token.stem) ?? [];
    yield* this.byWord.get(token.word) ?? [];
  }

  match(reading: Reading): Hit[] {
    const hits: Hit[] = [];
    const ticketCache = new Map<CompiledPattern, boolean>();
    const inTicket = (pattern: CompiledPattern): boolean => {
      let found = ticketCache.get(pattern);
      if (found === undefined) {
        found = reading.sentences.some((s) => findIn(s, pattern) !== undefined);
        ticketCache.set(pattern, found);
      }
      return found;
    };

    // Words the message writes as names ("candles from the Emergency Candle Kit"): the
    // subject's same capitalised word is that name too, though it opens its sentence.
    const bodyNames = new Set(
      reading.sentences.flatMap((s) =>
        s.subject ? [] : s.tokens.filter((t) => t.name).map((t) => t.word),
      ),
    );
    const nameTo = (rule: IntentRule, token: Token, sentence: Sentence) =>
      isNameTo(rule, token) ||
      (rule.namesAreNot !== undefined &&
        sentence.subject &&
        token.capitalised &&
        bodyNames.has(token.word));

    reading.sentences.forEach((sentence, index) => {
      const seen = new Set<IntentRule>();
      const tokens = sentence.tokens;
      const stems = new Set(tokens.map((t) => t.stem));
      const words = new Set(tokens.map((t) => t.word));
      const possible = ({ required }: Indexed) =>
        required.every(
          (slot) => slot.stems.some((x) => stems.has(x)) || slot.words.some((x) => words.has(x)),
        );
      for (let start = 0; start < tokens.length; start++) {
        const token = tokens[start]!;
        for (const candidate of this.candidatesAt(token)) {
          const { rule, pattern } = candidate;
          if (seen.has(rule) || !possible(candidate)) continue;
          // What the first word alone rules out is checked before any matching.
          if (token.quoted && !rule.matchesQuoted) continue;
          if (nameTo(rule, token, sentence)) continue;
          const end = matchAt(
            tokens,
            pattern,
            start,
            rule.negatable === false ? undefined : isNegator,
          );
          // The signal word may close the match too: "Is Critical Thinking 101 included?"
          if (end < 0 || nameTo(rule, tokens[end - 1]!, sentence)) continue;
          const compiled = this.compiled.get(rule)!;
          if (compiled.requiresTicket.length > 0 && !compiled.requiresTicket.some(inTicket))
            continue;
          if (compiled.unlessTicket.some(inTicket)) continue;
          seen.add(rule);
          const otherSense = compiled.unless.some((unless) =>
            overlaps(sentence, unless, start, end),
          );
          const negated = rule.negatable !== false && negatedAt(tokens, start);
          hits.push({
            intent: rule.intent,
            keyword: rule.keyword,
            sentence: index,
            start,
            end,
            text: tokens
              .slice(start, end)
              .map((t) => t.word)
              .join(' '),
            status: otherSense ? 'other-sense' : negated ? 'negated' : 'live',
            source: `rule:${pattern.source}`,
          });
        }
      }
    });
    return hits;
  }
}

function findIn(sentence: Sentence, pattern: CompiledPattern): number | undefined {
  for (let start = 0; start < sentence.tokens.length; start++) {
    if (sentence.tokens[start]!.quoted) continue;
    if (matchAt(sentence.tokens, pattern, start) >= 0) return start;
  }
  return undefined;
}

/** How far before a match an `unless` may begin: the widest gap the rule tables use (`~8`). */
const UNLESS_REACH = 8;

/** Whether the pattern matches a stretch of the sentence overlapping [start, end). */
function overlaps(sentence: Sentence, pattern: CompiledPattern, start: number, end: number) {
  for (let from = Math.max(0, start - UNLESS_REACH); from < end; from++) {
    const to = matchAt(sentence.tokens, pattern, from);
    if (to > start) return true;
  }
  return false;
}
