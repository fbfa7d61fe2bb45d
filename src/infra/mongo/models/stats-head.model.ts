import { index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * The head of one tenant's roll-ups: its data version (bumped whenever its figures move;
 * see DataVersions) and the lease and op numbers of the writer keeping the roll-ups (see
 * RollupWriter). `seq` is the last op begun, `done` the last finished; `open` while an op
 * is under way, so a lapsed lease with `open` marks an op a dead writer left.
 */
@modelOptions({ schemaOptions: { collection: 'stats_heads', timestamps: false } })
@index({ tenantId: 1 }, { unique: true })
@index({ open: 1, leaseUntil: 1 })
export class StatsHeadDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: Number, default: 0 })
  version!: number;

  @prop({ type: Date, default: null })
  changedAt?: Date | null;

  @prop({ required: true, type: Number, default: 0 })
  seq!: number;

  @prop({ required: true, type: Number, default: 0 })
  done!: number;

  @prop({ required: true, type: Boolean, default: false })
  open!: boolean;

  @prop({ type: String, default: null })
  owner?: string | null;

  @prop({ required: true, type: Date })
  leaseUntil!: Date;
}
