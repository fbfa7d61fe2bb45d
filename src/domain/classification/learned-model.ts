import type { Classification } from '../tickets/ticket.types.js';
import type { FeatureVocabulary, TicketFeatures } from './ticket-features.js';

/** The three labels, each a choice among its classes (requiresAction: "true" or "false"). */
export const LABEL_CLASSES = {
  urgency: ['HIGH', 'MEDIUM', 'LOW'],
  sentiment: ['NEGATIVE', 'NEUTRAL', 'POSITIVE'],
  requiresAction: ['true', 'false'],
} as const;
export type LabelName = keyof typeof LABEL_CLASSES;
/** Where HIGH sits among the urgency classes: the class alerts are about. */
export const HIGH_CLASS = LABEL_CLASSES.urgency.indexOf('HIGH');
export const LABEL_NAMES = Object.keys(LABEL_CLASSES) as LabelName[];

/** One value per label. */
export function perLabel<T>(valueOf: (label: LabelName) => T): Record<LabelName, T> {
  return Object.fromEntries(LABEL_NAMES.map((label) => [label, valueOf(label)])) as Record<
    LabelName,
    T
  >;
}

/** The label's value for one of its classes, as a Classification holds it. */
export function labelValue(label: LabelName, classIndex: number): Classification[LabelName] {
  const name = LABEL_CLASSES[label][classIndex]!;
  return (label === 'requiresAction' ? name === 'true' : name) as Classification[LabelName];
}

/** A softmax over one label's classes: a weight row per class (sparse part, then dense part). */
export interface LinearHead {
  weights: Float32Array[];
  bias: Float32Array;
}

/**
 * How the two opinions make one, per label (fitted on tickets the model did not train on):
 * logit_k = modelWeight × log p_model(k) + ruleWeight × [rules say k] + bias_k.
 */
export interface Combination {
  modelWeight: number;
  ruleWeight: number;
  bias: number[];
}

export interface LearnedModel {
  version: string;
  vocabulary: FeatureVocabulary;
  heads: Record<LabelName, LinearHead>;
  combination: Record<LabelName, Combination>;
  /** Below this confidence (in any label) a ticket needs a person's review. */
  reviewBelow: number;
  /** At this combined probability of HIGH or above a ticket pages (`pagesOn`). */
  alertAbove: number;
}

/** The index of the largest value: the class a set of probabilities chooses. */
export const argmax = (values: readonly number[]): number => values.indexOf(Math.max(...values));

/**
 * A missed HIGH is a missed page; a needless HIGH costs a look. The urgency label is the class
 * of least expected cost when a missed HIGH counts this many errors (on the fresh rounds, out
 * of fold, HIGH found 84.5% -> 91.6% at the same urgency accuracy; BENCHMARKS.md).
 */
export const HIGH_MISS_COST = 2;

/** The class the combined probabilities decide: the most likely, HIGH weighed by its cost. */
export function decide(label: LabelName, probs: readonly number[]): number {
  return label === 'urgency'
    ? argmax(probs.map((p, k) => (k === HIGH_CLASS ? p * HIGH_MISS_COST : p)))
    : argmax(probs);
}

/**
 * The alert policy (BENCHMARKS.md, alert policies): a ticket pages when the two opinions'
 * combination decides HIGH, or when its combined P(HIGH) reaches `alertAbove` although
 * another class is likelier (0.25 as trained: a missed page weighs as much as three needless
 * ones). Either opinion's HIGH alone no longer pages: over the unread sets that paged 97.6% of
 * HIGH at 75.7% precision, this 95.6% at 80.4%.
 */
export function pagesOn(combinedProbs: readonly number[], alertAbove: number): boolean {
  return (
    decide('urgency', combinedProbs) === HIGH_CLASS || combinedProbs[HIGH_CLASS]! >= alertAbove
  );
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const exps = Array.from(logits, (logit) => Math.exp(logit - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** One head's logits for a ticket. */
export function headLogits(
  head: LinearHead,
  features: TicketFeatures,
  sparseSize: number,
): number[] {
  return head.weights.map((row, k) => {
    let z = head.bias[k]!;
    for (const [index, value] of features.sparse) z += row[index]! * value;
    for (let d = 0; d < features.dense.length; d++) z += row[sparseSize + d]! * features.dense[d]!;
    return z;
  });
}

/** The learned opinion: each label's class probabilities. */
export function modelProbabilities(
  model: LearnedModel,
  features: TicketFeatures,
): Record<LabelName, number[]> {
  const size = model.vocabulary.idf.length;
  const out = {} as Record<LabelName, number[]>;
  for (const label of LABEL_NAMES)
    out[label] = softmax(headLogits(model.heads[label], features, size));
  return out;
}

/** Both opinions made one: the class probabilities after the rules' vote is weighed in. */
export function combined(
  combination: Combination,
  modelProbs: readonly number[],
  ruleClass: number,
): number[] {
  return softmax(
    modelProbs.map(
      (p, k) =>
        combination.modelWeight * Math.log(Math.max(p, 1e-9)) +
        (k === ruleClass ? combination.ruleWeight : 0) +
        combination.bias[k]!,
    ),
  );
}
