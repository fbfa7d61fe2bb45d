import {
  Urgency,
  type Classification,
  type FieldChange,
  type LabelCorrection,
} from '../tickets/ticket.types.js';
import { LABEL_NAMES as LABELS, perLabel, type LabelName } from './learned-model.js';

/** The signal a corrected label carries, so a person reading the signals sees why. */
export const correctedSignal = (c: LabelCorrection) =>
  `corrected by a person: ${LABELS.filter((label) => c[label] !== null)
    .map((label) => `${label} ${String(c[label])}`)
    .join(', ')} (${c.by})`;

/**
 * A classification with a person's correction on top: the corrected labels win, whatever
 * the rules say, now and after any re-classification (corrections are sticky).
 */
export function withCorrection(
  classification: Classification,
  correction: LabelCorrection | null,
): Classification {
  if (correction === null) return classification;
  const before = classification.confidence;
  // A label a person set is certain; the others keep the classifier's confidence.
  const confidence =
    before === null ? null : perLabel((label) => (correction[label] !== null ? 1 : before[label]));
  return {
    ...classification,
    urgency: correction.urgency ?? classification.urgency,
    sentiment: correction.sentiment ?? classification.sentiment,
    requiresAction: correction.requiresAction ?? classification.requiresAction,
    signals: [correctedSignal(correction), ...classification.signals],
    confidence,
    // A person has looked at the ticket, and decided whether it pages.
    needsReview: false,
    raisesAlert:
      correction.urgency === null
        ? classification.raisesAlert
        : correction.urgency === Urgency.HIGH,
  };
}

/** A later correction on top of an earlier one: labels it does not set keep the earlier ones. */
export function mergeCorrections(
  earlier: LabelCorrection | null,
  later: LabelCorrection,
): LabelCorrection {
  return {
    ...later,
    urgency: later.urgency ?? earlier?.urgency ?? null,
    sentiment: later.sentiment ?? earlier?.sentiment ?? null,
    requiresAction: later.requiresAction ?? earlier?.requiresAction ?? null,
  };
}

/**
 * The correction asked for is the one in force already (the same labels, and no new note):
 * sending it again changes nothing and records nothing.
 */
export function repeatsCorrection(
  earlier: LabelCorrection | null,
  asked: Pick<LabelCorrection, LabelName | 'note'>,
): boolean {
  if (earlier === null) return false;
  const sameLabels = LABELS.every(
    (label) => asked[label] === null || asked[label] === earlier[label],
  );
  return sameLabels && (asked.note === null || asked.note === earlier.note);
}

type Labels = Pick<Classification, LabelName>;

/** The labels that changed (by a correction, or by classifying again), as history records them. */
export function labelChanges(before: Labels, after: Labels): FieldChange[] {
  return LABELS.flatMap((label) =>
    before[label] === after[label]
      ? []
      : [{ field: label, from: String(before[label]), to: String(after[label]) }],
  );
}
