import { index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import {
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from '../../../domain/tickets/ticket.types.js';

/** How likely each label is right (see Classification.confidence). */
export class LabelConfidenceDoc {
  @prop({ required: true, type: Number })
  urgency!: number;

  @prop({ required: true, type: Number })
  sentiment!: number;

  @prop({ required: true, type: Number })
  requiresAction!: number;
}

export class ClassificationDoc {
  @prop({ required: true, enum: Urgency, type: String })
  urgency!: Urgency;

  @prop({ required: true, enum: Sentiment, type: String })
  sentiment!: Sentiment;

  @prop({ required: true, type: Boolean })
  requiresAction!: boolean;

  @prop({ type: () => [String], default: [] })
  signals!: string[];

  /** Normalised keywords the classifier matched; topKeywords counts these. */
  @prop({ type: () => [String], default: [] })
  keywords!: string[];

  @prop({ required: true, type: String })
  rulesVersion!: string;

  @prop({ type: () => LabelConfidenceDoc, _id: false, default: null })
  confidence?: LabelConfidenceDoc | null;

  @prop({ type: Boolean, default: false })
  needsReview?: boolean;

  /** Absent on tickets classified before it existed: their urgency alone decided (see storedRaisesAlert). */
  @prop({ type: Boolean })
  raisesAlert?: boolean;
}

/** Labels a person set on a ticket (see LabelCorrection); they win over the classifier's. */
export class CorrectionDoc {
  @prop({ type: String, default: null })
  urgency?: Urgency | null;

  @prop({ type: String, default: null })
  sentiment?: Sentiment | null;

  @prop({ type: Boolean, default: null })
  requiresAction?: boolean | null;

  @prop({ type: String, default: null })
  note?: string | null;

  @prop({ required: true, type: String })
  by!: string;

  @prop({ required: true, type: Date })
  at!: Date;
}

/** What the roll-ups counted for a ticket, as of a write (see StatsFacts). */
export class CountedFactsDoc {
  @prop({ required: true, type: Date })
  createdAt!: Date;

  @prop({ required: true, type: String })
  status!: TicketStatus;

  @prop({ required: true, type: String })
  source!: TicketSource;

  @prop({ required: true, type: String })
  customerId!: string;

  @prop({ required: true, type: String })
  urgency!: Urgency;

  @prop({ required: true, type: String })
  sentiment!: Sentiment;

  @prop({ required: true, type: Boolean })
  requiresAction!: boolean;

  @prop({ type: Boolean, default: false })
  needsReview!: boolean;

  @prop({ type: () => [String], default: [] })
  keywords!: string[];
}

/**
 * The roll-up op that last wrote the ticket and what the roll-ups counted for it before
 * (null: nothing, it was new or deleted). Written with the ticket in one document write, so
 * an op a writer could not finish is redone from these (see RollupWriter).
 */
export class RollupStampDoc {
  @prop({ required: true, type: Number })
  seq!: number;

  @prop({ type: () => CountedFactsDoc, _id: false, default: null })
  from?: CountedFactsDoc | null;
}

/**
 * A provider ticket as stored. `createdAt`/`updatedAt` are the provider's timestamps
 * (change detection compares `updatedAt`), so mongoose timestamps stay off.
 */
@modelOptions({
  schemaOptions: { collection: 'tickets', timestamps: false },
  options: { allowMixed: Severity.ERROR },
})
@index({ tenantId: 1, externalId: 1 }, { unique: true })
@index({ tenantId: 1, createdAt: -1 })
@index({ tenantId: 1, updatedAt: -1 })
@index({ tenantId: 1, 'classification.urgency': 1, createdAt: -1 })
@index({ tenantId: 1, status: 1, createdAt: -1 })
@index({ tenantId: 1, customerId: 1, createdAt: -1 })
@index({ tenantId: 1, deletedAt: 1, createdAt: -1 })
@index({ tenantId: 1, urgencyRank: -1, _id: -1 })
@index({ tenantId: 1, uncertainty: -1, _id: -1 })
@index({ tenantId: 1, 'rollup.seq': 1 })
@index({ tenantId: 1, 'correction.at': -1 })
export class TicketDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: String })
  externalId!: string;

  @prop({ required: true, enum: TicketSource, type: String })
  source!: TicketSource;

  @prop({ required: true, type: String })
  customerId!: string;

  @prop({ required: true, type: String })
  subject!: string;

  @prop({ required: true, type: String })
  message!: string;

  @prop({ required: true, enum: TicketStatus, type: String })
  status!: TicketStatus;

  @prop({ required: true, type: Date })
  createdAt!: Date;

  @prop({ required: true, type: Date })
  updatedAt!: Date;

  @prop({ type: Date, default: null })
  deletedAt?: Date | null;

  @prop({ required: true, type: () => ClassificationDoc, _id: false })
  classification!: ClassificationDoc;

  /** HIGH 2, MEDIUM 1, LOW 0: the order of `orderBy: URGENCY` (the labels sort alphabetically). */
  @prop({ required: true, type: Number })
  urgencyRank!: number;

  /** 1 − the least label confidence: the order of `orderBy: UNCERTAINTY` (absent: certain). */
  @prop({ type: Number, default: 0 })
  uncertainty?: number;

  /** When the gateway last wrote this ticket, and in which run. */
  @prop({ required: true, type: Date })
  syncedAt!: Date;

  @prop({ type: String })
  lastRunId?: string;

  @prop({ type: () => RollupStampDoc, _id: false })
  rollup?: RollupStampDoc;

  @prop({ type: () => CorrectionDoc, _id: false, default: null })
  correction?: CorrectionDoc | null;
}
