/** Vocabulary of tickets, shared by ingestion, storage and the API. */
export enum TicketStatus {
  OPEN = 'OPEN',
  PENDING = 'PENDING',
  CLOSED = 'CLOSED',
}

export enum TicketSource {
  EMAIL = 'EMAIL',
  WEB = 'WEB',
  CHAT = 'CHAT',
  API = 'API',
}

export enum Urgency {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export enum Sentiment {
  NEGATIVE = 'NEGATIVE',
  NEUTRAL = 'NEUTRAL',
  POSITIVE = 'POSITIVE',
}

export enum ChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
  RESTORED = 'RESTORED',
  CORRECTED = 'CORRECTED',
  RECLASSIFIED = 'RECLASSIFIED',
}

/** What the classifier decides for a ticket, with the reasons. */
export interface Classification {
  urgency: Urgency;
  sentiment: Sentiment;
  requiresAction: boolean;
  /** Why: each rule or context that fired, e.g. `money:charged twice «billed me two times»`. */
  signals: string[];
  /** The policy keywords of the live intents (feeds topKeywords). */
  keywords: string[];
  rulesVersion: string;
  /**
   * How likely each label is right (0 to 1, calibrated on fresh tickets); null from the
   * rules alone (CLASSIFIER_MODEL=rules) and for tickets classified before confidence was.
   */
  confidence: LabelConfidence | null;
  /** A label is uncertain (the opinions disagree or confidence is low): a person should look. */
  needsReview: boolean;
  /**
   * The ticket pages on call (its HIGH alert): its urgency is HIGH, or one opinion says HIGH
   * where the two together do not (a missed HIGH is a missed page; see the alert policy in
   * BENCHMARKS.md). A person's urgency correction decides it.
   */
  raisesAlert: boolean;
}

export interface LabelConfidence {
  urgency: number;
  sentiment: number;
  requiresAction: number;
}

/** A provider ticket after validation, in the gateway's vocabulary. */
export interface IncomingTicket {
  tenantId: string;
  externalId: string;
  source: TicketSource;
  customerId: string;
  subject: string;
  message: string;
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** One field's change, as recorded in a ticket's history. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** Labels a person set on a ticket; each one they did not set is left to the classifier. */
export interface LabelCorrection {
  urgency: Urgency | null;
  sentiment: Sentiment | null;
  requiresAction: boolean | null;
  note: string | null;
  /** The name of the API key that corrected it. */
  by: string;
  at: Date;
}
