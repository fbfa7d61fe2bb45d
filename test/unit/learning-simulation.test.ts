import { describe, expect, it } from 'vitest';
import { learningFigures } from '../../bench/first-contact.js';
import type { LabelledTicket } from '../../src/domain/classification/evaluation.js';
import type { CorrectedTicket } from '../../src/domain/classification/correction-memory.js';
import type { TwoOpinionClassifier } from '../../src/domain/classification/two-opinions.js';
import { Sentiment, Urgency, type Classification } from '../../src/domain/tickets/ticket.types.js';

/** A ticket of the stream; `sure` is how certain the stub classifier is of it. */
const ticket = (subject: string, urgency: Urgency, kind: string, sure = 0.9) =>
  ({
    subject,
    message: subject,
    urgency,
    sentiment: Sentiment.NEUTRAL,
    requiresAction: false,
    kind,
    sure,
  }) as LabelledTicket & { kind: string; sure: number };

/** Says LOW, NEUTRAL, no action to everything and learns nothing. */
const alwaysLow = {
  async learnFrom() {},
  classify(t: { sure?: number }): Classification {
    const sure = t.sure ?? 0.9;
    return {
      urgency: Urgency.LOW,
      sentiment: Sentiment.NEUTRAL,
      requiresAction: false,
      confidence: { urgency: sure, sentiment: sure, requiresAction: sure },
    } as Classification;
  },
} as unknown as TwoOpinionClassifier;

describe('the learning simulation', () => {
  it('counts an error as reachable only when an earlier correction of its kind taught it', async () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => ticket(`fine ${i}`, Urgency.LOW, 'how-to'));
    const stream = [
      // First hundred: the least certain one, a HIGH outage report, is corrected.
      ticket('outage A', Urgency.HIGH, 'outage', 0.2),
      ...filler(99),
      // Second hundred: a filler is the least certain; two HIGHs are missed.
      ticket('fine, least certain', Urgency.LOW, 'how-to', 0.1),
      ticket('outage B', Urgency.HIGH, 'outage'),
      ticket('a one-off HIGH', Urgency.HIGH, 'one-off'),
      ...filler(97),
    ];
    const figures = await learningFigures('test', alwaysLow, alwaysLow, stream, 1);
    expect(figures['classification.learning.test.k1.corrected']).toBe(2);
    expect(figures['classification.learning.test.k1.scored']).toBe(198);
    expect(figures['classification.learning.test.k1.errorsWithout']).toBe(2);
    // "outage B" follows the corrected "outage A"; a one-off never counts.
    expect(figures['classification.learning.test.k1.reachableByRecurrence']).toBe(1);
    expect(figures['classification.learning.test.k1.urgency.without']).toBe(0.99);
  });

  it('corrects the first wrong tickets a person meets when told to (seenWrong), however sure', async () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => ticket(`fine ${i}`, Urgency.LOW, 'how-to'));
    const stream = [
      ...filler(10),
      ticket('outage A', Urgency.HIGH, 'outage'),
      ticket('fine, least certain', Urgency.LOW, 'how-to', 0.1),
      ...filler(88),
      ticket('a one-off HIGH', Urgency.HIGH, 'one-off'),
      ticket('outage B', Urgency.HIGH, 'outage'),
      ...filler(98),
    ];
    const figures = await learningFigures('test', alwaysLow, alwaysLow, stream, 1, 'seenWrong');
    const at = 'classification.learning.test.seenWrong.k1';
    expect(figures[`${at}.corrected`]).toBe(2);
    // Left to score: everything but "outage A" and "a one-off HIGH"; "outage B" is missed,
    // and a corrected outage taught it.
    expect(figures[`${at}.scored`]).toBe(198);
    expect(figures[`${at}.errorsWithout`]).toBe(1);
    expect(figures[`${at}.reachableByRecurrence`]).toBe(1);
    expect(figures[`${at}.urgency.without`]).toBe(0.995);
  });

  it('corrects only the urgency of false pages when the person on call does, and scores every alert as raised', async () => {
    let taught: CorrectedTicket[] = [];
    /** Pages on tickets whose subject says "page"; remembers what it was taught. */
    const pagesOnWord = {
      async learnFrom(source: { recent(): Promise<CorrectedTicket[]> }) {
        taught = await source.recent();
      },
      classify(t: LabelledTicket & { sure?: number }): Classification {
        return { ...alwaysLow.classify(t), raisesAlert: t.subject.includes('page') };
      },
    } as unknown as TwoOpinionClassifier;
    const stream = [
      ticket('page: the outage', Urgency.HIGH, 'outage'),
      ticket('page: a false alarm', Urgency.LOW, 'how-to'),
      ticket('an outage missed', Urgency.HIGH, 'outage'),
      ...Array.from({ length: 98 }, (_, i) => ticket(`fine ${i}`, Urgency.LOW, 'how-to')),
    ];
    const figures = await learningFigures(
      'test',
      pagesOnWord,
      pagesOnWord,
      stream,
      5,
      'falsePages',
    );
    const at = 'classification.learning.test.falsePages.k5';
    expect(figures[`${at}.corrected`]).toBe(1);
    expect(taught.map((t) => t.subject)).toEqual(['page: a false alarm']);
    expect(taught[0]!.correction).toMatchObject({
      urgency: Urgency.LOW,
      sentiment: null,
      requiresAction: null,
    });
    // Two pages for two HIGH tickets, one of them false; the false page counts as raised.
    for (const way of ['withLearning', 'without']) {
      expect(figures[`${at}.alerts.${way}.highRecall`]).toBe(0.5);
      expect(figures[`${at}.alerts.${way}.highPrecision`]).toBe(0.5);
    }
  });
});
