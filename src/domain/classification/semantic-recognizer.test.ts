import { describe, expect, it } from 'vitest';
import { Urgency } from '../tickets/ticket.types.js';
import { Classifier } from './classifier.js';
import { readTicket } from './reading.js';
import { SemanticRecognizer, type PhraseEncoder } from './semantic-recognizer.js';

/** Bag of words over a fixed vocabulary: similarity is shared words, so tests can reason. */
class WordEncoder implements PhraseEncoder {
  readonly name = 'words';
  private readonly vocabulary: string[];
  readonly dimensions: number;

  constructor(vocabulary: string) {
    this.vocabulary = vocabulary.split(' ');
    this.dimensions = this.vocabulary.length;
  }

  encode(words: readonly string[]): Float32Array | undefined {
    const vector = new Float32Array(this.dimensions);
    for (const word of words) {
      const at = this.vocabulary.indexOf(word);
      if (at >= 0) vector[at]! += 1;
    }
    const norm = Math.hypot(...vector);
    if (norm === 0) return undefined;
    return vector.map((v) => v / norm);
  }
}

const encoder = new WordEncoder('gadget melted scorched table wire ledger sums off thanks lovely');
const bank = {
  safety: ['gadget melted', 'scorched table'],
  bug: ['ledger sums off'],
  praise: ['thanks lovely'],
};
const recognizer = new SemanticRecognizer(encoder, { minSimilarity: 0.75, minMargin: 0.2 }, bank);
const recognize = (message: string) => {
  const reading = readTicket({ subject: '', message });
  return recognizer.recognize(reading, []);
};

describe('the semantic recognizer', () => {
  it('gives a sentence the category of its nearest example, and says which and how near', () => {
    const [hit, ...rest] = recognize('The old gadget has melted the wire.');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ intent: 'safety', keyword: 'safety hazard', status: 'live' });
    expect(hit!.source).toMatch(/^model~"gadget melted" 0\.\d\d$/);
  });

  it('needs the nearest example to be near enough', () => {
    expect(recognize('The gadget is on the shelf by the door.')).toEqual([]);
  });

  it('needs one category to be clearly nearer than the others', () => {
    expect(recognize('Ledger sums off, gadget melted.')).toEqual([]);
  });

  it('never adds an anchor category, which only competes', () => {
    expect(recognize('Thanks, lovely work on the ledger.')).toEqual([]);
  });

  it('leaves questions to the rules', () => {
    expect(recognize('Has the gadget melted the wire?')).toEqual([]);
  });

  it('does not add what the rules already found in the sentence', () => {
    const reading = readTicket({ subject: '', message: 'The gadget melted the wire.' });
    const ruleHit = {
      intent: 'safety' as const,
      keyword: 'safety hazard',
      sentence: 0,
      start: 2,
      end: 3,
      text: 'melted',
      status: 'live' as const,
      source: 'rule:melted',
    };
    expect(recognizer.recognize(reading, [ruleHit])).toEqual([]);
  });

  it('feeds the policy like a rule, context included', () => {
    const classifier = new Classifier({ recognizer });
    const found = classifier.classify({
      subject: 'Desk',
      message: 'The gadget scorched the table.',
    });
    expect(found.urgency).toBe(Urgency.HIGH);
    expect(found.keywords).toContain('safety hazard');
    const calledOff = classifier.classify({
      subject: 'Desk',
      message: 'The gadget scorched the table. Never mind, it was the lamp.',
    });
    expect(calledOff.urgency).toBe(Urgency.LOW);
    expect(calledOff.signals.some((s) => s.startsWith('called-off:safety'))).toBe(true);
  });
});
