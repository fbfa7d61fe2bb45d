import {
  calibrationError,
  type LabelledTicket,
} from '../../src/domain/classification/evaluation.js';
import {
  argmax,
  combined,
  decide,
  HIGH_CLASS,
  HIGH_MISS_COST,
  LABEL_CLASSES,
  LABEL_NAMES,
  modelProbabilities,
  pagesOn,
  type Combination,
  type LabelName,
  type LearnedModel,
} from '../../src/domain/classification/learned-model.js';
import {
  featuresOf,
  type FeatureVocabulary,
} from '../../src/domain/classification/ticket-features.js';
import type { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';
import { shuffled, type Example } from './corpus.js';
import { fitCombination, trainHead, type HeadSettings } from './logistic.js';

/**
 * How the learned opinion is built from labelled tickets (`npm run train` on the whole
 * corpus; the learning simulation on the corpus without the round it streams): per label a
 * linear head on TF-IDF n-grams and the sentence vector, the combination with the rules
 * fitted on the fresh rounds out of fold, and the review and alert thresholds.
 */
export const SEED = 20261204;
const FOLDS = 5;
const HEAD: HeadSettings = { lambda: 1e-4, iterations: 150, learningRate: 0.05 };
const MIN_DF = { word: 2, char: 3 };
/** The share of fresh tickets sent to review at most (the issue asks for ≥ 70% not flagged). */
const REVIEW_SHARE = 0.22;
/**
 * The combined P(HIGH) at which a ticket pages although another class is likelier: a missed
 * page weighs as much as three needless ones. First chosen at 0.3 on rounds 74, 75 and 77 at
 * first contact (the lowest threshold whose pages were at least 80% HIGH); rounds 82 to 85 then
 * met it with 91.7% of HIGH paged, and over every unread set (the eighteen frozen sets and
 * rounds 82 to 85, 22 sets) 0.25 paged 95.6% at 80.4% where 0.3 paged 94.6% at 82.5%: recall
 * first (BENCHMARKS.md, "The alert policy, chosen again"). Not fitted out of fold: there the
 * older rounds meet the rules as they were when they arrived, much weaker than now.
 */
const ALERT_ABOVE = 0.25;

function vocabularyOf(
  examples: readonly Example[],
  dimensions: number,
): Omit<FeatureVocabulary, 'denseMean'> {
  const df = new Map<string, number>();
  for (const example of examples)
    for (const gram of example.grams.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const kept = [...df]
    .filter(([gram, count]) => count >= (gram.startsWith('c:') ? MIN_DF.char : MIN_DF.word))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const n = examples.length;
  return {
    index: new Map(kept.map(([gram], i) => [gram, i])),
    idf: Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1),
    dimensions,
  };
}

function trainModel(
  examples: readonly Example[],
  encoder: StaticPhraseEncoder,
): { heads: LearnedModel['heads']; vocabulary: FeatureVocabulary } {
  const counted = vocabularyOf(examples, encoder.dimensions);
  const features = examples.map((e) => featuresOf(e.reading, counted, encoder));
  const denseMean = new Float32Array(encoder.dimensions);
  for (const { dense } of features)
    for (let d = 0; d < dense.length; d++) denseMean[d]! += dense[d]! / features.length;
  const vocabulary = { ...counted, denseMean };
  const heads = {} as LearnedModel['heads'];
  for (const label of LABEL_NAMES)
    heads[label] = trainHead(
      features,
      examples.map((e) => e.targets[label]),
      LABEL_CLASSES[label].length,
      vocabulary.idf.length,
      HEAD,
    );
  return { heads, vocabulary };
}

interface Opinions {
  example: Example;
  model: Record<LabelName, number[]>;
  rules: Record<LabelName, number>;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** The settings a model is built with, as its file records them. */
export const BUILD_SETTINGS: Record<string, number> = {
  ...HEAD,
  ...MIN_DF,
  folds: FOLDS,
  reviewShare: REVIEW_SHARE,
  alertAbove: ALERT_ABOVE,
  highMissCost: HIGH_MISS_COST,
};

/** Everything the model file holds but its version, and the settings that made it. */
export interface BuiltModel {
  model: Omit<LearnedModel, 'version'>;
  settings: Record<string, number>;
}

/**
 * Builds the learned opinion from these examples, printing cross-validated figures through
 * `log`. `rulesToday` answers for the tickets without a first-contact record.
 */
export function buildModel(
  examples: readonly Example[],
  encoder: StaticPhraseEncoder,
  rulesToday: (ticket: LabelledTicket) => Record<LabelName, number>,
  log: (line: string) => void,
): BuiltModel {
  // Out-of-fold opinions: each ticket judged by a model that never trained on it.
  const order = shuffled(
    examples.map((_, i) => i),
    SEED,
  );
  const opinions: Opinions[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = new Set(order.filter((_, i) => i % FOLDS === fold));
    const { heads, vocabulary } = trainModel(
      examples.filter((_, i) => !held.has(i)),
      encoder,
    );
    const model = { version: 'cv', vocabulary, heads } as LearnedModel;
    for (const i of held) {
      const example = examples[i]!;
      opinions.push({
        example,
        model: modelProbabilities(model, featuresOf(example.reading, vocabulary, encoder)),
        rules: example.firstContact ?? rulesToday(example.ticket),
      });
    }
    log(`fold ${fold + 1}/${FOLDS} trained`);
  }

  const fresh = opinions.filter((o) => o.example.fresh);
  const report = (
    name: string,
    rows: Opinions[],
    pick: (o: Opinions, label: LabelName) => number,
  ) =>
    log(
      `${name.padEnd(34)} ${LABEL_NAMES.map((label) => `${label} ${pct(rows.filter((o) => pick(o, label) === o.example.targets[label]).length, rows.length)}`).join('  ')}`,
    );
  report('model alone, all (out of fold)', opinions, (o, l) => argmax(o.model[l]));
  report('model alone, fresh (out of fold)', fresh, (o, l) => argmax(o.model[l]));
  report('rules alone, fresh (first contact)', fresh, (o, l) => o.rules[l]);

  // The combination is fitted on the fresh tickets only (the rules' answers at first
  // contact), and its calibration measured by cross-validation over them.
  const combination = {} as Record<LabelName, Combination>;
  const calibrated = new Map<Opinions, Record<LabelName, number[]>>();
  const freshOrder = shuffled(fresh, SEED + 1);
  for (const label of LABEL_NAMES) {
    const rowOf = (o: Opinions) => ({
      modelProbs: o.model[label],
      ruleClass: o.rules[label],
      target: o.example.targets[label],
    });
    const classes = LABEL_CLASSES[label].length;
    for (let fold = 0; fold < FOLDS; fold++) {
      const fitted = fitCombination(
        freshOrder.filter((_, i) => i % FOLDS !== fold).map(rowOf),
        classes,
      );
      for (const o of freshOrder.filter((_, i) => i % FOLDS === fold)) {
        const probs = calibrated.get(o) ?? ({} as Record<LabelName, number[]>);
        probs[label] = combined(fitted, o.model[label], o.rules[label]);
        calibrated.set(o, probs);
      }
    }
    combination[label] = fitCombination(fresh.map(rowOf), classes);
    const rows = fresh.map((o) => {
      const probs = calibrated.get(o)![label];
      const chosen = decide(label, probs);
      return { confidence: probs[chosen]!, correct: chosen === o.example.targets[label] };
    });
    log(
      `both, ${label}: accuracy ${pct(rows.filter((r) => r.correct).length, rows.length)}, ECE ${calibrationError(rows).toFixed(3)} (5-fold over fresh); weights model ${combination[label].modelWeight.toFixed(2)} rules ${combination[label].ruleWeight.toFixed(2)}`,
    );
  }
  const decided = (o: Opinions, l: LabelName) => decide(l, calibrated.get(o)![l]);
  report('both (cross-validated), fresh', fresh, decided);
  report('both, most likely class (not served)', fresh, (o, l) => argmax(calibrated.get(o)![l]));
  const agree = (o: Opinions, l: LabelName) => argmax(o.model[l]) === o.rules[l];
  for (const label of LABEL_NAMES) {
    const agreed = fresh.filter((o) => agree(o, label));
    log(
      `agreement, ${label}: ${pct(agreed.length, fresh.length)} of fresh tickets, right ${pct(agreed.filter((o) => o.rules[label] === o.example.targets[label]).length, agreed.length)} of those`,
    );
  }

  // Review: the least confident label of a ticket below a threshold, chosen so at most
  // REVIEW_SHARE of fresh tickets are flagged.
  const leastConfidence = (o: Opinions) =>
    Math.min(...LABEL_NAMES.map((l) => calibrated.get(o)![l][decided(o, l)]!));
  const sorted = fresh.map(leastConfidence).sort((a, b) => a - b);
  const reviewBelow = sorted[Math.floor(sorted.length * REVIEW_SHARE)]!;
  const unflagged = fresh.filter((o) => leastConfidence(o) >= reviewBelow);
  report(`both, not flagged (${pct(unflagged.length, fresh.length)} kept)`, unflagged, decided);

  // Alerting: HIGH recall and precision of the served policy and of each other one tried.
  const pHigh = (o: Opinions) => calibrated.get(o)!.urgency[HIGH_CLASS]!;
  const policies: [string, (o: Opinions) => boolean][] = [
    ['rules say HIGH', (o) => o.rules.urgency === HIGH_CLASS],
    ['model says HIGH', (o) => argmax(o.model.urgency) === HIGH_CLASS],
    ['both combined say HIGH', (o) => decided(o, 'urgency') === HIGH_CLASS],
    ['both combined, most likely HIGH', (o) => argmax(calibrated.get(o)!.urgency) === HIGH_CLASS],
    [
      'either opinion says HIGH',
      (o) => o.rules.urgency === HIGH_CLASS || argmax(o.model.urgency) === HIGH_CLASS,
    ],
    ['combined P(HIGH) >= 0.25', (o) => pHigh(o) >= 0.25],
    [
      'either opinion or the combination says HIGH',
      (o) =>
        o.rules.urgency === HIGH_CLASS ||
        argmax(o.model.urgency) === HIGH_CLASS ||
        decided(o, 'urgency') === HIGH_CLASS,
    ],
    [
      `the combination says HIGH, or P(HIGH) >= ${ALERT_ABOVE} (served)`,
      (o) => pagesOn(calibrated.get(o)!.urgency, ALERT_ABOVE),
    ],
  ];
  for (const [name, pages] of policies) {
    const paged = fresh.filter(pages);
    const truly = fresh.filter((o) => o.example.targets.urgency === HIGH_CLASS);
    const hits = paged.filter((o) => o.example.targets.urgency === HIGH_CLASS).length;
    log(
      `alert policy "${name}": HIGH recall ${pct(hits, truly.length)}, precision ${pct(hits, paged.length)}`,
    );
  }

  const { heads, vocabulary } = trainModel(examples, encoder);
  return {
    model: { vocabulary, heads, combination, reviewBelow, alertAbove: ALERT_ABOVE },
    settings: BUILD_SETTINGS,
  };
}
