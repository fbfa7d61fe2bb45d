import { describe, expect, it } from 'vitest';
import { testEncoder } from '../../../test/support/classifier.js';
import { cachedStaticModel } from './model-store.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('the static MiniLM phrase encoder', () => {
  const encoder = testEncoder();
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const encode = (text: string) => {
    const vector = encoder.encode(words(text));
    if (!vector) throw new Error(`no vector for ${text}`);
    return vector;
  };

  it('was built from the pinned, hash-checked model', () => {
    const files = cachedStaticModel();
    expect(files?.meta.modelSha256).toBe(
      '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6',
    );
    expect(files?.meta).toMatchObject({ dimensions: 384, tokens: 30522 });
  });

  it('gives unit vectors, and none for text without words', () => {
    expect(dot(encode('my parcel never came'), encode('my parcel never came'))).toBeCloseTo(1, 5);
    expect(encoder.encode(['?!...', '--'])).toBeUndefined();
  });

  it('puts paraphrases nearer than unrelated requests', () => {
    const charged = encode('you charged me twice');
    expect(dot(charged, encode('I was billed two times'))).toBeGreaterThan(
      dot(charged, encode('how do I change my password')) + 0.2,
    );
    const gone = encode('all my files are gone');
    expect(dot(gone, encode('every document has vanished'))).toBeGreaterThan(
      dot(gone, encode('please add a dark mode')) + 0.2,
    );
  });

  it('embeds a ticket sentence in microseconds', () => {
    const sentence = words(
      'Since about 8 this morning none of our cashiers can sign in to the tills',
    );
    const started = performance.now();
    for (let i = 0; i < 1000; i++) encoder.encode(sentence);
    const perSentenceMs = (performance.now() - started) / 1000;
    console.log(`static encoder: ${(perSentenceMs * 1000).toFixed(1)} µs per sentence`);
    expect(perSentenceMs).toBeGreaterThan(0);
  });
});
