import { index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * A named lease (e.g. `ingestion:tenant_a`). Acquisition is a findOneAndUpdate on the
 * unique `_id` filtered by `expiresAt`, so an expired lock is taken over atomically. The TTL
 * index only cleans up long-dead documents; correctness never depends on it.
 */
@modelOptions({ schemaOptions: { collection: 'locks', timestamps: false } })
@index({ expiresAt: 1 }, { expireAfterSeconds: 3600 })
export class LockDoc {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: String })
  owner!: string;

  @prop({ type: String })
  runId?: string;

  @prop({ required: true, type: Date })
  acquiredAt!: Date;

  @prop({ required: true, type: Date })
  expiresAt!: Date;
}
