import { index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * Who waits on a shared budget (one document per budget and claimant, e.g. a tenant), and
 * when it was last served: the budget grants a free slot to the waiting claimant served
 * least recently. `seenAt` is refreshed while waiting; a stale one no longer counts.
 */
@modelOptions({ schemaOptions: { collection: 'rate_waiters', timestamps: false } })
@index({ budget: 1, seenAt: 1 })
export class RateWaiterDoc {
  /** `<budget>:<claimant>` */
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: String })
  budget!: string;

  @prop({ required: true, type: String })
  claimant!: string;

  /** Epoch ms of the last heartbeat while waiting; 0 when not waiting. */
  @prop({ type: Number, default: 0 })
  seenAt!: number;

  /** Epoch ms of the last slot granted to this claimant; 0 when never. */
  @prop({ type: Number, default: 0 })
  lastGrantAt!: number;
}
