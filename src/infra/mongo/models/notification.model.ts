import { index, modelOptions, prop } from '@typegoose/typegoose';
import { NotificationStatus } from '../../../domain/alerting/alert.types.js';
import { Urgency } from '../../../domain/tickets/ticket.types.js';

/** The outbox of high-urgency alerts to the provider's /notify; one per tenant+ticket+reason. */
@modelOptions({ schemaOptions: { collection: 'notifications', timestamps: false } })
@index({ tenantId: 1, externalId: 1, reason: 1 }, { unique: true })
@index({ status: 1, attempts: -1, nextAttemptAt: 1 })
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

  @prop({ type: Number, default: 0 })
  attempts!: number;

  @prop({ required: true, type: Date })
  nextAttemptAt!: Date;

  @prop({ type: String })
  lastError?: string;

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
