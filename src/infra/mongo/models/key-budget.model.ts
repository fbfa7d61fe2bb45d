import { index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * One API key's query-cost bucket (GCRA): `tat` is the instant, in epoch ms, by which its
 * spending would be paid back. The TTL index drops buckets long full again; a missing
 * document means a full bucket, so correctness never depends on it.
 */
@modelOptions({ schemaOptions: { collection: 'key_budgets', timestamps: false } })
@index({ fullBy: 1 }, { expireAfterSeconds: 3600 })
export class KeyBudgetDoc {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: Number })
  tat!: number;

  /** No later than this the bucket is full again. */
  @prop({ required: true, type: Date })
  fullBy!: Date;
}
