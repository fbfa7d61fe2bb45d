import { Urgency, type Classification, type LabelConfidence } from '../tickets/ticket.types.js';
import type { ReadingClassifier, TicketClassifier, TicketText } from './classifier.js';
import type { CorrectionMemory, CorrectionSource } from './correction-memory.js';
import {
  combined,
  LABEL_CLASSES,
  LABEL_NAMES,
  modelProbabilities,
  type LabelName,
  type LearnedModel,
} from './learned-model.js';
import { featuresOf, type SentenceEncoder } from './ticket-features.js';

/** A ticket with its tenant, when known: the tenant's corrections apply to it. */
type TenantTicket = TicketText & { tenantId?: string };

const valueOf = (label: LabelName, name: string): Classification[LabelName] =>
  (label === 'requiresAction' ? name === 'true' : name) as Classification[LabelName];

/**
 * Classification by two opinions: the rule table and a learned linear model (TF-IDF
 * n-grams and the sentence vector; tools/classifier/train.ts). Per label the two are
 * combined as fitted on fresh tickets, which gives the label and a calibrated confidence;
 * a ticket whose least confident label is below the model's threshold needs review, and a
 * ticket either opinion calls HIGH raises an alert. The signals keep the rules' reasons and
 * say what the model thought and where they differ.
 */
export class TwoOpinionClassifier implements TicketClassifier {
  readonly rulesVersion: string;

  constructor(
    private readonly rules: ReadingClassifier,
    private readonly model: LearnedModel,
    private readonly encoder: SentenceEncoder,
    /** What the tenant's people corrected: a near copy of a corrected ticket takes its labels. */
    private readonly memory?: CorrectionMemory,
  ) {
    this.rulesVersion = `${rules.rulesVersion}+${model.version}`;
  }

  classify(ticket: TenantTicket): Classification {
    return this.judge(ticket).decided;
  }

  async learnFrom(source: CorrectionSource): Promise<void> {
    await this.memory?.refresh(source);
  }

  /** Both opinions and what they decide together (for evaluation: each can be scored alone). */
  judge(ticket: TenantTicket): {
    rules: Classification;
    model: Record<LabelName, number[]>;
    decided: Classification;
  } {
    const reading = this.rules.read(ticket);
    const ruled = this.rules.classifyReading(reading);
    const features = featuresOf(reading, this.model.vocabulary, this.encoder);
    const learned = modelProbabilities(this.model, features);
    const decided = { ...ruled, rulesVersion: this.rulesVersion };
    const confidence = {} as LabelConfidence;
    const signals: string[] = [];
    // Either opinion's HIGH pages: the policy measured for recall (BENCHMARKS.md).
    let raisesAlert = ruled.urgency === Urgency.HIGH;
    for (const label of LABEL_NAMES) {
      const classes = LABEL_CLASSES[label] as readonly string[];
      const ruleClass = classes.indexOf(String(ruled[label]));
      const modelProbs = learned[label];
      const modelClass = modelProbs.indexOf(Math.max(...modelProbs));
      if (label === 'urgency' && classes[modelClass] === Urgency.HIGH) raisesAlert = true;
      const probs = combined(this.model.combination[label], modelProbs, ruleClass);
      const chosen = probs.indexOf(Math.max(...probs));
      Object.assign(decided, { [label]: valueOf(label, classes[chosen]!) });
      if (label === 'urgency' && classes[chosen] === Urgency.HIGH) raisesAlert = true;
      confidence[label] = Math.round(probs[chosen]! * 1000) / 1000;
      signals.push(
        modelClass === ruleClass
          ? `model:${label} ${classes[modelClass]} ${modelProbs[modelClass]!.toFixed(2)} (agrees)`
          : `model:${label} ${classes[modelClass]} ${modelProbs[modelClass]!.toFixed(2)} (rules: ${classes[ruleClass]}; chosen: ${classes[chosen]})`,
      );
    }
    const near =
      ticket.tenantId === undefined ? null : this.memory?.nearest(ticket.tenantId, features.dense);
    for (const label of LABEL_NAMES) {
      const taught = near?.correction[label];
      if (near === null || near === undefined || taught === null || taught === undefined) continue;
      Object.assign(decided, { [label]: taught });
      confidence[label] = Math.round(near.similarity * 1000) / 1000;
      // What the tenant's people taught decides whether such a ticket pages.
      if (label === 'urgency') raisesAlert = taught === Urgency.HIGH;
      signals.push(
        `learned:${label} ${String(taught)} from a ticket ${near.correction.by} corrected (similarity ${near.similarity.toFixed(2)})`,
      );
    }
    const least = Math.min(...LABEL_NAMES.map((label) => confidence[label]));
    return {
      rules: ruled,
      model: learned,
      decided: {
        ...decided,
        signals: [...ruled.signals, ...signals],
        confidence,
        needsReview: least < this.model.reviewBelow,
        raisesAlert,
      },
    };
  }
}
