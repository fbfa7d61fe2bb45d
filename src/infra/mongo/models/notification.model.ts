import { index, modelOptions, prop } from '@typegoose/typegoose';
import {
  NotificationSkipReason,
  NotificationStatus,
} from '../../../domain/alerting/alert.types.js';
import { Urgency } from '../../../domain/tickets/ticket.types.js';

/** The outbox of high-urgency alerts to the provider's /notify; one per tenant+ticket+reason. */
@modelOptions({ schemaOptions: { collection: 'notifications', timestamps: false } })
@index({ tenantId: 1, externalId: 1, reason: 1 }, { unique: true })
// Claims: freshest first, or (for the circuit's one trial) most attempts first.
@index({ status: 1, ticketActivityAt: -1 })
@index({ status: 1, attempts: -1, ticketActivityAt: -1 })
@index({ tenantId: 1, status: 1 })
@index({ ticketId: 1 })
export class NotificationDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: String })
  externalId!: string;

  @prop({ required: true, type: String })
  ticketId!: string;

  @prop({ required: true, type: String })
  reason!: string;

  @prop({ required: true, enum: Urgency, type: String })
  urgency!: Urgency;

  /** The classification signals that made the ticket HIGH, sent as the alert's reason. */
  @prop({ type: () => [String], default: [] })
  signals!: string[];

  @prop({ required: true, enum: NotificationStatus, type: String })
  status!: NotificationStatus;

  @prop({ enum: NotificationSkipReason, type: String, default: null })
  skipReason?: NotificationSkipReason | null;

  /** The provider's latest of created_at and updated_at: freshness, and the claim order. */
  @prop({ type: Date })
  ticketActivityAt?: Date;

  /** When it last became due (delivery latency, oldest due alert). */
  @prop({ type: Date })
  queuedAt?: Date;

  /** Sent on an admin's demand: the freshness rule no longer holds it back. */
  @prop({ type: Boolean, default: false })
  onDemand?: boolean;

  @prop({ type: Number, default: 0 })
  attempts!: number;

  @prop({ required: true, type: Date })
  nextAttemptAt!: Date;

  @prop({ type: String, default: null })
  lastError?: string | null;

  @prop({ type: Date })
  deliveredAt?: Date;

  /** The gateway process that delivered it. */
  @prop({ type: String })
  deliveredBy?: string;

  @prop({ type: String })
  leaseOwner?: string;

  @prop({ type: Date })
  leaseExpiresAt?: Date;

  @prop({ required: true, type: Date })
  createdAt!: Date;
}
