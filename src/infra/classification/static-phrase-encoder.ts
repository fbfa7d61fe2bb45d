import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import type { PhraseEncoder } from '../../domain/classification/index.js';
import type { StaticModelFiles } from './model-store.js';

/** Words whose vectors are kept; the cache starts over when full (about 30 MB at most). */
const WORD_CACHE_LIMIT = 20_000;
/** Punctuation-only word pieces carry no meaning of their own. */
const PUNCTUATION = /^[^\p{L}\p{N}#]+$/u;

/**
 * Embeds a phrase with the distilled static vectors: each word's pieces (the model's own
 * tokenizer), the sum of their (pre-weighted) vectors, normalised. No model runs here: a
 * phrase costs microseconds.
 */
export class StaticPhraseEncoder implements PhraseEncoder {
  readonly name: string;
  private readonly words = new Map<string, Float32Array | undefined>();

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly vectors: Int8Array,
    private readonly scales: Float32Array,
    readonly dimensions: number,
  ) {
    this.name = `minilm-static-${dimensions}`;
  }

  static load(files: StaticModelFiles): StaticPhraseEncoder {
    const { dimensions, tokens } = files.meta;
    const bytes = readFileSync(files.vectors);
    const scaleBytes = readFileSync(files.scales);
    if (bytes.byteLength !== dimensions * tokens || scaleBytes.byteLength !== tokens * 4)
      throw new Error(
        `${files.dir}: the vectors do not match meta.json; delete the folder to rebuild`,
      );
    const vectors = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Float32Array needs 4-byte alignment, which a pooled Buffer does not promise.
    const scales = new Float32Array(tokens);
    new Uint8Array(scales.buffer).set(scaleBytes);
    const tokenizer = new Tokenizer(JSON.parse(readFileSync(files.tokenizer, 'utf8')), {
      do_lower_case: true,
    });
    return new StaticPhraseEncoder(tokenizer, vectors, scales, dimensions);
  }

  encode(words: readonly string[]): Float32Array | undefined {
    const sum = new Float32Array(this.dimensions);
    let used = 0;
    for (const word of words) {
      const vector = this.wordVector(word);
      if (!vector) continue;
      for (let h = 0; h < this.dimensions; h++) sum[h]! += vector[h]!;
      used += 1;
    }
    if (used === 0) return undefined;
    let norm = 0;
    for (let h = 0; h < this.dimensions; h++) norm += sum[h]! * sum[h]!;
    norm = Math.sqrt(norm);
    if (norm === 0) return undefined;
    for (let h = 0; h < this.dimensions; h++) sum[h]! /= norm;
    return sum;
  }

  /** The sum of a word's piece vectors, memoised: tokenizing dominates the cost otherwise. */
  private wordVector(word: string): Float32Array | undefined {
    if (this.words.has(word)) return this.words.get(word);
    const { ids, tokens } = this.tokenizer.encode(word, { add_special_tokens: false });
    let vector: Float32Array | undefined;
    for (let i = 0; i < ids.length; i++) {
      if (PUNCTUATION.test(tokens[i]!)) continue;
      vector ??= new Float32Array(this.dimensions);
      const offset = ids[i]! * this.dimensions;
      const scale = this.scales[ids[i]!]!;
      for (let h = 0; h < this.dimensions; h++) vector[h]! += this.vectors[offset + h]! * scale;
    }
    if (this.words.size >= WORD_CACHE_LIMIT) this.words.clear();
    this.words.set(word, vector);
    return vector;
  }
}
