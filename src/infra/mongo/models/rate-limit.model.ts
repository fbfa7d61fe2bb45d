import { modelOptions, prop } from '@typegoose/typegoose';

/**
 * A shared sliding-log budget (e.g. `provider`): the instants of the calls granted within
 * the window, and a pause set after a 429. Updated by compare-and-swap on `version`.
 */
@modelOptions({ schemaOptions: { collection: 'rate_limits', timestamps: false } })
export class RateLimitDoc {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ type: () => [Number], default: [] })
  grants!: number[];

  @prop({ type: Number, default: 0 })
  pausedUntil!: number;

  /** Whom the latest grant went to (see ProviderBudget's turns). */
  @prop({ type: String, default: '' })
  lastClaimant!: string;

  @prop({ type: Number, default: 0 })
  version!: number;
}
