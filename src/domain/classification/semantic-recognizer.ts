import type { IntentRecognizer } from './classifier.js';
import { INTENT_EXAMPLES, RECOGNIZED_INTENTS } from './intent-examples.js';
import type { Hit } from './intent-matcher.js';
import type { Reading } from './reading.js';
import type { Intent } from './rules.js';
import { negatedAt, type Token } from './text.js';

/** Turns a phrase into a unit vector whose dot product with another is their similarity. */
export interface PhraseEncoder {
  readonly name: string;
  readonly dimensions: number;
  /** The phrase's words, lower-cased; undefined when none is known. */
  encode(words: readonly string[]): Float32Array | undefined;
}

export interface SemanticSettings {
  /** The nearest example must be at least this similar (cosine). */
  minSimilarity: number;
  /** …and this much nearer than the nearest example of any other category. */
  minMargin: number;
}

/**
 * Chosen on labelled tickets of our own that the rules were not written from, keeping the
 * development sets (where the rules are authoritative) at 99% or more: see BENCHMARKS.md.
 */
export const SEMANTIC_DEFAULTS: SemanticSettings = { minSimilarity: 0.55, minMargin: 0.05 };

/** The keyword a recognized intent shows in signals and topKeywords. */
const KEYWORDS: Partial<Record<Intent, string>> = {
  legal: 'legal action',
  money: 'unauthorized charge',
  security: 'account takeover',
  privacy: 'GDPR request',
  outage: 'outage',
  safety: 'safety hazard',
  refund: 'refund',
  cancel: 'cancel',
  bug: 'bug',
  login: 'login issue',
  order: 'order problem',
};

/** Rule intents that mark a sentence as something other than a problem report. */
const NOT_A_PROBLEM = new Set<Intent>([
  'praise',
  'feature',
  'question',
  'admin',
  'resolved',
  'callOff',
  'minor',
]);

/**
 * A sentence saying that something works ("her login works fine", "everyone else can log
 * in") states the contrast to a problem, so it is no paraphrase of one: its words are near a
 * problem's ("log in", "team") while it says the opposite.
 */
function saysSomethingWorks(tokens: Token[]): boolean {
  return tokens.some(
    (token, i) =>
      (WORKING.has(token.word) && !negatedAt(tokens, i)) ||
      (token.word === 'else' && EVERYONE.has(tokens[i - 1]?.word ?? '')),
  );
}
const WORKING = new Set(['fine', 'normally']);
const EVERYONE = new Set(['everyone', 'everybody', 'all']);

interface Example {
  intent: Intent;
  text: string;
}

/**
 * Recognizes a policy category described in other words than the rules know: each sentence
 * is compared with the example phrasings of `intent-examples.ts`, and when its nearest
 * example is near enough and clearly nearer than any other category's, the sentence gets
 * that intent. The rules stay authoritative: a category they already found (or saw negated,
 * asked about or called off) in a sentence is never added there again.
 */
export class SemanticRecognizer implements IntentRecognizer {
  readonly version: string;
  private readonly examples: Example[] = [];
  private readonly matrix: Float32Array;
  private readonly dimensions: number;

  constructor(
    private readonly encoder: PhraseEncoder,
    private readonly settings: SemanticSettings = SEMANTIC_DEFAULTS,
    bank: Partial<Record<Intent, string[]>> = INTENT_EXAMPLES,
  ) {
    this.dimensions = encoder.dimensions;
    const vectors: Float32Array[] = [];
    for (const [intent, texts] of Object.entries(bank) as [Intent, string[]][]) {
      for (const text of texts) {
        const vector = encoder.encode(
          text
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .filter(Boolean),
        );
        if (!vector) throw new Error(`Intent example "${text}" has no known word`);
        this.examples.push({ intent, text });
        vectors.push(vector);
      }
    }
    this.matrix = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((vector, i) => this.matrix.set(vector, i * this.dimensions));
    this.version = `${encoder.name}-${settings.minSimilarity}-${settings.minMargin}`;
  }

  recognize(reading: Reading, ruleHits: readonly Hit[]): Hit[] {
    const hits: Hit[] = [];
    reading.sentences.forEach((sentence, index) => {
      // Questions are for the rules ("is the api down?"): what a question names is mostly
      // asked about, not reported. Praise, wishes, how-tos and admin requests are not problems.
      if (sentence.question) return;
      if (ruleHits.some((hit) => hit.sentence === index && NOT_A_PROBLEM.has(hit.intent))) return;
      if (saysSomethingWorks(sentence.tokens)) return;
      const words = sentence.tokens.filter((t) => !t.quoted).map((t) => t.word);
      if (words.length < 3) return;
      const vector = this.encoder.encode(words);
      if (!vector) return;
      const nearest = this.nearestByIntent(vector);
      const [best, second] = nearest;
      if (!best || !RECOGNIZED_INTENTS.has(best.intent)) return;
      if (best.similarity < this.settings.minSimilarity) return;
      if (second && best.similarity - second.similarity < this.settings.minMargin) return;
      if (ruleHits.some((hit) => hit.sentence === index && hit.intent === best.intent)) return;
      hits.push({
        intent: best.intent,
        keyword: KEYWORDS[best.intent] ?? best.intent,
        sentence: index,
        start: 0,
        end: sentence.tokens.length,
        text: words.join(' '),
        status: 'live',
        source: `model~"${best.example}" ${best.similarity.toFixed(2)}`,
      });
    });
    return hits;
  }

  /** The nearest example of each category, nearest first. */
  private nearestByIntent(vector: Float32Array) {
    const best = new Map<Intent, { intent: Intent; example: string; similarity: number }>();
    const { dimensions, matrix } = this;
    for (let e = 0; e < this.examples.length; e++) {
      let dot = 0;
      const offset = e * dimensions;
      for (let h = 0; h < dimensions; h++) dot += vector[h]! * matrix[offset + h]!;
      const { intent, text } = this.examples[e]!;
      const known = best.get(intent);
      if (!known || dot > known.similarity)
        best.set(intent, { intent, example: text, similarity: dot });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity);
  }
}
