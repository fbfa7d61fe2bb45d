import { Urgency, type Classification, type LabelConfidence } from '../tickets/ticket.types.js';
import type { ReadingClassifier, TicketClassifier, TicketText } from './classifier.js';
import type { CorrectedTicket, CorrectionMemory, CorrectionSource } from './correction-memory.js';
import {
  argmax,
  combined,
  decide,
  LABEL_CLASSES,
  LABEL_NAMES,
  labelValue,
  modelProbabilities,
  pagesOn,
  perLabel,
  type LabelName,
  type LearnedModel,
} from './learned-model.js';
import { TenantAdjustment } from './tenant-adjustment.js';
import { featuresOf, type SentenceEncoder } from './ticket-features.js';

/** A ticket with its tenant, when known: the tenant's corrections apply to it. */
type TenantTicket = TicketText & { tenantId?: string };

/**
 * Classification by two opinions: the rule table and a learned linear model (TF-IDF
 * n-grams and the sentence vector; tools/classifier/train.ts). Per label the two are
 * combined as fitted on fresh tickets, which gives the label and a calibrated confidence;
 * a ticket whose least confident label is below the model's threshold needs review, and a
 * ticket raises an alert when their combination says HIGH, or when its probability of HIGH
 * reaches the model's `alertAbove` (so a HIGH of low confidence pages too; `pagesOn`). The
 * signals keep the rules' reasons and say what the model thought and where they differ.
 *
 * With a memory it learns from each tenant's corrections (learnFrom): the tenant's own
 * adjustment of the combined probabilities (TenantAdjustment), which may add alerts but not
 * silence them, and near copies of a corrected ticket take its labels outright.
 */
export class TwoOpinionClassifier implements TicketClassifier {
  readonly rulesVersion: string;
  /** Each tenant's adjustment, with the corrections it was fitted on (refitted when they change). */
  private readonly adjustments = new Map<
    string,
    { fingerprint: string; adjustment: TenantAdjustment }
  >();

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

  /**
   * Reads every tenant's latest corrections: near copies of a corrected ticket take its
   * labels (the memory), and each tenant whose corrections changed gets its adjustment
   * refitted (in turns, so the event loop keeps serving).
   */
  async learnFrom(source: CorrectionSource): Promise<void> {
    if (this.memory === undefined) return;
    const corrected = await source.recent(this.memory.settings.perTenant);
    this.memory.replace(corrected);
    const byTenant = new Map<string, CorrectedTicket[]>();
    for (const ticket of corrected) {
      const tickets = byTenant.get(ticket.tenantId) ?? [];
      tickets.push(ticket);
      byTenant.set(ticket.tenantId, tickets);
    }
    for (const tenantId of this.adjustments.keys())
      if (!byTenant.has(tenantId)) this.adjustments.delete(tenantId);
    for (const [tenantId, tickets] of byTenant) {
      const fingerprint = tickets
        .map((t) => `${t.correction.at.getTime()}:${t.subject.length}:${t.message.length}`)
        .join(',');
      if (this.adjustments.get(tenantId)?.fingerprint === fingerprint) continue;
      const examples = tickets.map((ticket) => {
        const { features, combined: opinions } = this.opinions(ticket);
        const taught = perLabel((label) => {
          const value = ticket.correction[label];
          return value === null
            ? undefined
            : LABEL_CLASSES[label].findIndex((c) => c === String(value));
        });
        return { features, combined: opinions, taught };
      });
      this.adjustments.set(tenantId, {
        fingerprint,
        adjustment: await TenantAdjustment.fit(examples, this.model.vocabulary.denseMean),
      });
    }
  }

  /** What the rules and the model say, and their combination per label, before any learning. */
  private opinions(ticket: TicketText) {
    const reading = this.rules.read(ticket);
    const ruled = this.rules.classifyReading(reading);
    const features = featuresOf(reading, this.model.vocabulary, this.encoder);
    const learned = modelProbabilities(this.model, features);
    const ruleClasses = perLabel((label) =>
      (LABEL_CLASSES[label] as readonly string[]).indexOf(String(ruled[label])),
    );
    const opinions = perLabel((label) =>
      combined(this.model.combination[label], learned[label], ruleClasses[label]),
    );
    return { ruled, features, learned, ruleClasses, combined: opinions };
  }

  /** Both opinions and what they decide together (for evaluation: each can be scored alone). */
  judge(ticket: TenantTicket): {
    rules: Classification;
    model: Record<LabelName, number[]>;
    decided: Classification;
  } {
    const { ruled, features, learned, ruleClasses, combined: opinions } = this.opinions(ticket);
    const tenant =
      ticket.tenantId === undefined ? undefined : this.adjustments.get(ticket.tenantId)?.adjustment;
    const decided = { ...ruled, rulesVersion: this.rulesVersion };
    const confidence = {} as LabelConfidence;
    const signals: string[] = [];
    let raisesAlert = false;
    for (const label of LABEL_NAMES) {
      const classes = LABEL_CLASSES[label] as readonly string[];
      const ruleClass = ruleClasses[label];
      const modelProbs = learned[label];
      const modelClass = argmax(modelProbs);
      const probs = tenant?.adjust(label, features, opinions[label]) ?? opinions[label];
      const chosen = decide(label, probs);
      if (chosen !== decide(label, opinions[label]))
        signals.push(
          `learned:${label} ${classes[chosen]} from this tenant's ${tenant!.examples} corrections`,
        );
      Object.assign(decided, { [label]: labelValue(label, chosen) });
      // The policy measured for recall and precision (BENCHMARKS.md, alert policies). The
      // tenant's adjustment may add pages but never silence one the opinions raise: the
      // corrections people make most are of false pages, all away from HIGH, and learning
      // from those alone lowered every ticket's HIGH and missed real pages (BENCHMARKS.md,
      // "Learning from corrections"). Only a near copy of a corrected ticket silences one.
      if (label === 'urgency') {
        const pages = (urgency: readonly number[]) => pagesOn(urgency, this.model.alertAbove);
        raisesAlert = pages(probs) || pages(opinions[label]);
      }
      confidence[label] = Math.round(probs[chosen]! * 1000) / 1000;
      signals.push(
        modelClass === ruleClass
          ? `model:${label} ${classes[modelClass]} ${modelProbs[modelClass]!.toFixed(2)} (the rules agree)`
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
