import { Sentiment, Urgency } from '../tickets/ticket.types.js';
import type { Classification } from '../tickets/ticket.types.js';
import type { TicketText } from './classifier.js';
import type { SentimentThresholds } from './rules.js';

/** A ticket labelled by the policy, as in shared/classification/*.jsonl. */
export interface LabelledTicket extends TicketText {
  urgency: Urgency;
  sentiment: Sentiment;
  requiresAction: boolean;
  why?: string;
}

export const LABELS = ['urgency', 'sentiment', 'requiresAction'] as const;
export type Label = (typeof LABELS)[number];

const VALUES: Record<Label, string[]> = {
  urgency: [Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW],
  sentiment: [Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE],
  requiresAction: ['true', 'false'],
};

type Predict = (ticket: TicketText) => Classification;
type Prediction = Pick<Classification, Label>;

export interface LabelReport {
  correct: number;
  total: number;
  accuracy: number;
  /** confusion[expected][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

export type EvaluationReport = Record<Label, LabelReport> & {
  /** Tickets where every label agrees. */
  exact: number;
  total: number;
  mistakes: { ticket: LabelledTicket; predicted: Prediction; labels: Label[] }[];
};

export function parseJsonl(text: string): LabelledTicket[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledTicket);
}

/** Scores predictions against labels: accuracy and a confusion matrix per label. */
export function score(
  pairs: { ticket: LabelledTicket; predicted: Prediction }[],
): EvaluationReport {
  const report = { exact: 0, total: pairs.length, mistakes: [] } as unknown as EvaluationReport;
  for (const label of LABELS) {
    const confusion: Record<string, Record<string, number>> = {};
    for (const expected of VALUES[label])
      confusion[expected] = Object.fromEntries(VALUES[label].map((v) => [v, 0]));
    report[label] = { correct: 0, total: pairs.length, accuracy: 0, confusion };
  }
  for (const { ticket, predicted } of pairs) {
    const wrong = LABELS.filter((label) => predicted[label] !== ticket[label]);
    for (const label of LABELS) {
      const row = report[label].confusion[String(ticket[label])]!;
      row[String(predicted[label])]! += 1;
      if (!wrong.includes(label)) report[label].correct += 1;
    }
    if (wrong.length === 0) report.exact += 1;
    else report.mistakes.push({ ticket, predicted, labels: wrong });
  }
  for (const label of LABELS)
    report[label].accuracy = pairs.length === 0 ? 0 : report[label].correct / pairs.length;
  return report;
}

export function evaluate(predict: Predict, tickets: LabelledTicket[]): EvaluationReport {
  return score(tickets.map((ticket) => ({ ticket, predicted: predict(ticket) })));
}

/** The lowest per-label accuracy: what tuning maximises (a label is only as good as its worst). */
export function worstLabel(report: EvaluationReport): number {
  return Math.min(...LABELS.map((label) => report[label].accuracy));
}

/** The sentiment thresholds tuning chooses from: the defaults first, then their neighbours. */
export function thresholdGrid(defaults: SentimentThresholds): SentimentThresholds[] {
  const grid: SentimentThresholds[] = [defaults];
  for (const negativeAtOrBelow of [-1, -1.5, -2])
    for (const positiveAtOrAbove of [2.5, 3, 4])
      for (const angryRemarkAtOrBelow of [-2.5, -3, -3.5])
        grid.push({ ...defaults, negativeAtOrBelow, positiveAtOrAbove, angryRemarkAtOrBelow });
  return grid;
}

/**
 * Picks, from `candidates`, the settings that score best on `training` (worst label first,
 * then the mean, then the first listed: the defaults go first so ties keep them).
 */
export function tune<S>(
  candidates: S[],
  build: (settings: S) => Predict,
  training: LabelledTicket[],
): S {
  if (candidates.length === 0) throw new Error('Nothing to tune: no candidate settings');
  let best: { settings: S; worst: number; mean: number } = {
    settings: candidates[0]!,
    worst: -1,
    mean: -1,
  };
  for (const settings of candidates) {
    const report = evaluate(build(settings), training);
    const mean = LABELS.reduce((sum, label) => sum + report[label].accuracy, 0) / LABELS.length;
    const worst = worstLabel(report);
    if (worst > best.worst || (worst === best.worst && mean > best.mean))
      best = { settings, worst, mean };
  }
  return best.settings;
}

/**
 * k-fold cross-validation: `evaluation` is split into k folds (in file order, every k-th
 * ticket); for each fold the settings are tuned on `tuning` plus the other folds and the
 * fold is predicted with them. The pooled predictions are scored, so every figure is for
 * tickets the tuning never saw.
 */
export function crossValidate<S>(options: {
  candidates: S[];
  build: (settings: S) => Predict;
  tuning: LabelledTicket[];
  evaluation: LabelledTicket[];
  folds: number;
}): { report: EvaluationReport; chosen: S[] } {
  const { candidates, build, tuning, evaluation, folds } = options;
  const pairs: { ticket: LabelledTicket; predicted: Prediction }[] = [];
  const chosen: S[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const heldOut = evaluation.filter((_, i) => i % folds === fold);
    const training = [...tuning, ...evaluation.filter((_, i) => i % folds !== fold)];
    const settings = tune(candidates, build, training);
    chosen.push(settings);
    const predict = build(settings);
    for (const ticket of heldOut) pairs.push({ ticket, predicted: predict(ticket) });
  }
  return { report: score(pairs), chosen };
}

/** Per-label accuracy and confusion matrices, as a test or benchmark prints them. */
export function formatReport(title: string, report: EvaluationReport): string {
  const lines = [
    `${title}: ${report.total} tickets, all labels right on ${report.exact} (${percent(report.exact / report.total)})`,
  ];
  for (const label of LABELS) {
    const { accuracy, correct, total, confusion } = report[label];
    lines.push(`  ${label}: ${percent(accuracy)} (${correct}/${total})`);
    const values = Object.keys(confusion);
    lines.push(`    ${'expected \\ got'.padEnd(16)}${values.map((v) => v.padStart(9)).join('')}`);
    for (const expected of values)
      lines.push(
        `    ${expected.padEnd(16)}${values.map((v) => String(confusion[expected]![v]).padStart(9)).join('')}`,
      );
  }
  return lines.join('\n');
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/**
 * Expected calibration error: how far confidence is from accuracy, over 10 equal-width bins
 * of confidence, weighted by the tickets in each (0 is perfectly calibrated).
 */
export function calibrationError(
  rows: readonly { confidence: number; correct: boolean }[],
): number {
  if (rows.length === 0) return 0;
  const bins = Array.from({ length: 10 }, () => ({ confidence: 0, correct: 0 }));
  for (const row of rows) {
    const bin = bins[Math.min(9, Math.floor(row.confidence * 10))]!;
    bin.confidence += row.confidence;
    bin.correct += row.correct ? 1 : 0;
  }
  return bins.reduce((sum, bin) => sum + Math.abs(bin.confidence - bin.correct), 0) / rows.length;
}
