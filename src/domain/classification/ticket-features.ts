import type { Reading } from './reading.js';

/** A ticket as the learned opinion sees it: weighted n-grams (sparse) and a sentence vector. */
export interface TicketFeatures {
  /** Feature index → TF-IDF weight, the whole L2-normalised. */
  sparse: Map<number, number>;
  /** The encoder's vector of the ticket's own words (zeros without an encoder). */
  dense: Float32Array;
}

/** The vocabulary a model was trained with: each n-gram's index and inverse document frequency. */
export interface FeatureVocabulary {
  index: ReadonlyMap<string, number>;
  idf: Float32Array;
  dimensions: number;
  /**
   * The training tickets' mean sentence vector. Every ticket's vector leans its way, so a
   * layer fitted on a few corrections that all go one way would learn that lean as a bias
   * and move every ticket; the tenant's layer reads vectors centred on it (TenantAdjustment).
   */
  denseMean: Float32Array;
}

export interface SentenceEncoder {
  readonly dimensions: number;
  encode(words: readonly string[]): Float32Array | undefined;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const NEGATION =
  /^(?:not|no|never|nothing|nobody|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|haven't|hasn't)$/;
/** Words after a negation carry its mark this far ("not happy at all" → ¬happy). */
const NEGATION_REACH = 3;
const CHAR_GRAMS = [3, 4, 5] as const;

/** The ticket's own words, lower-cased, per sentence (quotes, footers and signatures set aside). */
export function ownWords(reading: Reading): string[][] {
  return reading.sentences.map((sentence) =>
    [...sentence.text.toLowerCase().matchAll(WORD)].map((match) => match[0].replace('’', "'")),
  );
}

/**
 * Every n-gram of the ticket, with its count: words (marked ¬ within reach of a negation),
 * word pairs within a sentence, character 3- to 5-grams inside words (so typos and word
 * forms share most of their features), and the shout and question marks a reader notices.
 */
export function ngrams(reading: Reading): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (gram: string) => counts.set(gram, (counts.get(gram) ?? 0) + 1);
  ownWords(reading).forEach((words, s) => {
    const sentence = reading.sentences[s]!;
    let negatedUntil = -1;
    words.forEach((word, i) => {
      if (NEGATION.test(word) || word.endsWith("n't")) negatedUntil = i + NEGATION_REACH;
      else if (i <= negatedUntil) add(`¬${word}`);
      add(`w:${word}`);
      if (i > 0) add(`b:${words[i - 1]} ${word}`);
      const padded = ` ${word} `;
      for (const n of CHAR_GRAMS)
        for (let at = 0; at + n <= padded.length; at++) add(`c:${padded.slice(at, at + n)}`);
    });
    if (sentence.question) add('m:question');
    if (sentence.repeatedPunctuation) add('m:!!');
    if (/[A-Z]{4,}/.test(sentence.text) && sentence.text === sentence.text.toUpperCase())
      add('m:shout');
  });
  for (const what of reading.removed) add(`m:removed ${what}`);
  return counts;
}

/** Sublinear TF-IDF over the vocabulary, L2-normalised; n-grams the model never saw are dropped. */
export function featuresOf(
  reading: Reading,
  vocabulary: Omit<FeatureVocabulary, 'denseMean'>,
  encoder: SentenceEncoder | undefined,
): TicketFeatures {
  const sparse = new Map<number, number>();
  let norm = 0;
  for (const [gram, count] of ngrams(reading)) {
    const index = vocabulary.index.get(gram);
    if (index === undefined) continue;
    const weight = (1 + Math.log(count)) * vocabulary.idf[index]!;
    sparse.set(index, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [index, weight] of sparse) sparse.set(index, weight / norm);
  const dense =
    (encoder && encoder.encode(ownWords(reading).flat())) ??
    new Float32Array(vocabulary.dimensions);
  return { sparse, dense };
}
