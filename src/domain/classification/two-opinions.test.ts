import { describe, expect, it } from 'vitest';
import { Sentiment, Urgency, type Classification } from '../tickets/ticket.types.js';
import type { ReadingClassifier } from './classifier.js';
import { testEncoder } from '../../../test/support/classifier.js';
import { CorrectionMemory } from './correction-memory.js';
import { withCorrection } from './correction.js';
import {
  decide,
  HIGH_MISS_COST,
  LABEL_CLASSES,
  LABEL_NAMES,
  type LearnedModel,
} from './learned-model.js';
import { readTicket } from './reading.js';
import { featuresOf, ngrams } from './ticket-features.js';
import { TwoOpinionClassifier } from './two-opinions.js';

/** The rules' answer, fixed: MEDIUM, NEUTRAL, requires action. */
const fixed = (): Classification => ({
  urgency: Urgency.MEDIUM,
  sentiment: Sentiment.NEUTRAL,
  requiresAction: true,
  signals: ['rule:fixed'],
  keywords: [],
  rulesVersion: 'rules-1',
  confidence: null,
  needsReview: false,
  raisesAlert: false,
});
const rules: ReadingClassifier = {
  rulesVersion: 'rules-1',
  classify: fixed,
  read: (ticket) => readTicket(ticket),
  classifyReading: fixed,
};

/**
 * A model that knows one word: "wiped" says HIGH urgency (weight on the HIGH row), nothing
 * else; sentiment and requiresAction heads are flat. The combination trusts each opinion
 * as `ruleWeight` and `modelWeight` say.
 */
function modelWith(
  weights: { model: number; rule: number },
  reviewBelow = 0.6,
  dimensions = 0,
  alertAbove = 0.15,
): LearnedModel {
  const grams = ['w:wiped'];
  const head = (classes: number, hot?: number) => ({
    weights: Array.from({ length: classes }, (_, k) => {
      const row = new Float32Array(1 + dimensions);
      row[0] = k === hot ? 8 : 0;
      return row;
    }),
    bias: new Float32Array(classes),
  });
  const combination = () => ({
    modelWeight: weights.model,
    ruleWeight: weights.rule,
    bias: [0, 0, 0],
  });
  return {
    version: 'learned-test',
    vocabulary: {
      index: new Map(grams.map((g, i) => [g, i])),
      idf: Float32Array.from([1]),
      dimensions,
      denseMean: new Float32Array(dimensions),
    },
    heads: { urgency: head(3, 0), sentiment: head(3), requiresAction: head(2) },
    combination: {
      urgency: combination(),
      sentiment: combination(),
      requiresAction: combination(),
    },
    reviewBelow,
    alertAbove,
  };
}

const noEncoder = { dimensions: 0, encode: () => undefined };
const wiped = { subject: 'Records', message: 'All our records were wiped overnight.' };
const calm = { subject: 'Question', message: 'How do I export a report?' };

describe('features', () => {
  it('marks words after a negation, and keeps word pairs and character grams', () => {
    const grams = ngrams(readTicket({ subject: '', message: 'I am not happy at all' }));
    expect(grams.has('¬happy')).toBe(true);
    expect(grams.has('¬am')).toBe(false);
    expect(grams.has('b:not happy')).toBe(true);
    expect(grams.has('c: hap')).toBe(true);
  });

  it('drops n-grams the model never saw and normalises the rest', () => {
    const model = modelWith({ model: 1, rule: 0 });
    const seen = featuresOf(readTicket(wiped), model.vocabulary, noEncoder);
    expect([...seen.sparse]).toEqual([[0, 1]]);
    expect(featuresOf(readTicket(calm), model.vocabulary, noEncoder).sparse.size).toBe(0);
  });
});

describe('deciding a label from the combined probabilities', () => {
  const urgency = (high: number, medium: number, low: number) => {
    const probs = [0, 0, 0];
    probs[LABEL_CLASSES.urgency.indexOf('HIGH')] = high;
    probs[LABEL_CLASSES.urgency.indexOf('MEDIUM')] = medium;
    probs[LABEL_CLASSES.urgency.indexOf('LOW')] = low;
    return LABEL_CLASSES.urgency[decide('urgency', probs)];
  };

  it('chooses HIGH once a miss would cost more than the likeliest other class', () => {
    expect(HIGH_MISS_COST).toBeGreaterThan(1);
    const medium = 0.5;
    const justEnough = medium / HIGH_MISS_COST + 0.01;
    expect(urgency(justEnough, medium, 1 - medium - justEnough)).toBe('HIGH');
    expect(urgency(justEnough - 0.02, medium, 1 - medium - justEnough + 0.02)).toBe('MEDIUM');
    expect(urgency(0.1, 0.2, 0.7)).toBe('LOW');
  });

  it('weighs nothing but urgency', () => {
    expect(decide('sentiment', [0.3, 0.4, 0.3])).toBe(1);
    expect(decide('requiresAction', [0.45, 0.55])).toBe(1);
  });
});

describe('TwoOpinionClassifier', () => {
  it('follows the model where the combination trusts it, and says the rules differed', () => {
    const classifier = new TwoOpinionClassifier(rules, modelWith({ model: 1, rule: 0 }), noEncoder);
    const result = classifier.classify(wiped);
    expect(result.urgency).toBe(Urgency.HIGH);
    expect(result.confidence!.urgency).toBeGreaterThan(0.99);
    expect(result.signals).toContain('rule:fixed');
    expect(result.signals.find((s) => s.startsWith('model:urgency'))).toMatch(
      /HIGH .*rules: MEDIUM; chosen: HIGH/,
    );
    expect(result.rulesVersion).toBe('rules-1+learned-test');
  });

  it('follows the rules where the combination trusts them', () => {
    const classifier = new TwoOpinionClassifier(rules, modelWith({ model: 0, rule: 5 }), noEncoder);
    const result = classifier.classify(wiped);
    expect(result.urgency).toBe(Urgency.MEDIUM);
    expect(result.requiresAction).toBe(true);
  });

  it("does not page on one opinion's HIGH alone, where the combination is sure of another class", () => {
    // The rules' MEDIUM outweighs the model's HIGH for "wiped": the label stays MEDIUM and the
    // combined P(HIGH) is about 0.19. Any other ticket the model thinks LOW.
    const model = modelWith({ model: 0.2, rule: 3 }, 0.6, 0, 0.3);
    model.heads.urgency.bias[LABEL_CLASSES.urgency.indexOf('LOW')] = 1;
    const classifier = new TwoOpinionClassifier(rules, model, noEncoder);
    const modelSaysHigh = classifier.classify(wiped);
    expect(modelSaysHigh.signals.find((s) => s.startsWith('model:urgency'))).toMatch(
      /^model:urgency HIGH .*rules: MEDIUM; chosen: MEDIUM/,
    );
    expect(modelSaysHigh.raisesAlert).toBe(false);
    expect(classifier.classify(calm).raisesAlert).toBe(false);
  });

  it('raises an alert when the combined P(HIGH) reaches the threshold, where the label is not HIGH', () => {
    // The model leans MEDIUM for "wiped" (P(HIGH) about 0.38), the rules say MEDIUM: the
    // combined P(HIGH) is about 0.18, below what the label needs.
    const leaningMedium = (alertAbove: number) => {
      const model = modelWith({ model: 1, rule: 1 }, 0.6, 0, alertAbove);
      model.heads.urgency.weights[LABEL_CLASSES.urgency.indexOf('MEDIUM')]![0] = 8.5;
      return new TwoOpinionClassifier(rules, model, noEncoder);
    };
    const result = leaningMedium(0.15).classify(wiped);
    expect(result.urgency).toBe(Urgency.MEDIUM);
    expect(result.signals.find((s) => s.startsWith('model:urgency'))).toMatch(
      /^model:urgency MEDIUM/,
    );
    expect(result.raisesAlert).toBe(true);
    expect(leaningMedium(0.3).classify(wiped).raisesAlert).toBe(false);
    // A person's urgency decides: corrected to MEDIUM, it no longer pages.
    const corrected = withCorrection(result, {
      urgency: Urgency.MEDIUM,
      sentiment: null,
      requiresAction: null,
      note: null,
      by: 'agent',
      at: new Date(),
    });
    expect(corrected.raisesAlert).toBe(false);
  });

  it('flags a ticket for review when a label is uncertain', () => {
    // A flat model and no rule weight: each label is a coin toss among its classes.
    const unsure = new TwoOpinionClassifier(rules, modelWith({ model: 1, rule: 0 }), noEncoder);
    const result = unsure.classify(calm);
    for (const label of LABEL_NAMES)
      expect(result.confidence![label]).toBeCloseTo(1 / LABEL_CLASSES[label].length, 2);
    expect(result.needsReview).toBe(true);
    const sure = new TwoOpinionClassifier(rules, modelWith({ model: 1, rule: 9 }), noEncoder);
    expect(sure.classify(calm).needsReview).toBe(false);
  });

  it('a correction makes its labels certain and ends the review', () => {
    const unsure = new TwoOpinionClassifier(rules, modelWith({ model: 1, rule: 0 }), noEncoder);
    const corrected = withCorrection(unsure.classify(calm), {
      urgency: Urgency.LOW,
      sentiment: null,
      requiresAction: false,
      note: null,
      by: 'lead',
      at: new Date(),
    });
    expect(corrected.needsReview).toBe(false);
    expect(corrected.confidence!.urgency).toBe(1);
    expect(corrected.confidence!.requiresAction).toBe(1);
    expect(corrected.confidence!.sentiment).toBeCloseTo(1 / 3, 2);
  });
});

describe('learning from corrections', () => {
  const encoder = testEncoder();
  const model = modelWith({ model: 1, rule: 9 }, 0.6, encoder.dimensions);
  const corrected = {
    tenantId: 'tenant_a',
    subject: 'Kiosk printer jammed again',
    message: 'The receipt printer at the front kiosk has jammed again and shows error 41.',
    correction: {
      urgency: Urgency.HIGH,
      sentiment: null,
      requiresAction: null,
      note: 'kiosk printers stop our check-in',
      by: 'lead-a',
      at: new Date(),
    },
  };
  const similar = {
    subject: 'Kiosk printer jammed',
    message: 'The receipt printer at the front kiosk jammed again, error 41 on the screen.',
  };

  it("a tenant's corrected ticket teaches its labels to that tenant's near copies only", async () => {
    const memory = new CorrectionMemory(encoder);
    const classifier = new TwoOpinionClassifier(rules, model, encoder, memory);
    expect(classifier.classify({ ...similar, tenantId: 'tenant_a' }).urgency).toBe(Urgency.MEDIUM);
    await classifier.learnFrom({ recent: async () => [corrected] });
    expect(memory.size).toBe(1);
    const taught = classifier.classify({ ...similar, tenantId: 'tenant_a' });
    expect(taught.urgency).toBe(Urgency.HIGH);
    expect(taught.signals.find((s) => s.startsWith('learned:urgency HIGH'))).toMatch(/lead-a/);
    // Labels the person left alone, other tenants and other tickets are not taught.
    expect(taught.requiresAction).toBe(true);
    expect(classifier.classify({ ...similar, tenantId: 'tenant_b' }).urgency).toBe(Urgency.MEDIUM);
    expect(classifier.classify({ ...calm, tenantId: 'tenant_a' }).urgency).toBe(Urgency.MEDIUM);
  });

  it("a tenant's corrections move that tenant's paraphrases of them, not other tenants'", async () => {
    // Opinions that lean MEDIUM without certainty, so a tenant's judgement can move them.
    const leaning = modelWith({ model: 1, rule: 1 }, 0.6, encoder.dimensions);
    const classifier = new TwoOpinionClassifier(
      rules,
      leaning,
      encoder,
      new CorrectionMemory(encoder),
    );
    const kiosk = [
      'The kiosk receipt printer jammed, guests queue at check-in.',
      'Front desk kiosk printer stuck again, error on the display.',
      'Our check-in kiosk will not print receipts since this morning.',
      'Receipt printer at the kiosk keeps jamming mid-print.',
      'Kiosk printer out of action again, receipts come out crumpled.',
    ].map((message, i) => ({ ...corrected, subject: `Kiosk ${i}`, message }));
    await classifier.learnFrom({ recent: async () => kiosk });
    const paraphrase = { subject: 'Kiosk', message: 'The kiosk printer jammed and guests wait.' };
    const taught = classifier.classify({ ...paraphrase, tenantId: 'tenant_a' });
    expect(taught.urgency).toBe(Urgency.HIGH);
    expect(taught.signals).toContain("learned:urgency HIGH from this tenant's 5 corrections");
    expect(classifier.classify({ ...paraphrase, tenantId: 'tenant_b' }).urgency).toBe(
      Urgency.MEDIUM,
    );
  });

  it("a tenant's false pages corrected lower its labels but never silence another ticket's page", async () => {
    // The model pages on "wiped"; people corrected five such pages to MEDIUM (all away from HIGH).
    const classifier = new TwoOpinionClassifier(
      rules,
      modelWith({ model: 1, rule: 1 }, 0.6, encoder.dimensions, 0.3),
      encoder,
      new CorrectionMemory(encoder),
    );
    const falsePages = [
      'The staging data was wiped as planned, just confirming.',
      'Our test workspace got wiped on schedule, all fine.',
      'Old demo records wiped like we asked last week.',
      'Sandbox wiped overnight as requested, thanks.',
      'The trial account was wiped at the end of the trial, as expected.',
    ].map((message, i) => ({
      ...corrected,
      subject: `Wiped ${i}`,
      message,
      correction: { ...corrected.correction, urgency: Urgency.MEDIUM },
    }));
    const real = { subject: 'Records', message: 'All our patient records were wiped overnight.' };
    expect(classifier.classify({ ...real, tenantId: 'tenant_a' }).raisesAlert).toBe(true);
    await classifier.learnFrom({ recent: async () => falsePages });
    const after = classifier.classify({ ...real, tenantId: 'tenant_a' });
    expect(after.urgency).toBe(Urgency.MEDIUM);
    expect(after.signals).toContain("learned:urgency MEDIUM from this tenant's 5 corrections");
    expect(after.raisesAlert).toBe(true);
    // A near copy of a corrected page is what a person taught: it no longer pages.
    const copy = { subject: 'Wiped', message: 'Sandbox wiped overnight as requested, thanks!' };
    expect(classifier.classify({ ...copy, tenantId: 'tenant_a' }).raisesAlert).toBe(false);
  });
});
