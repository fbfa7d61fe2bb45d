import { index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * One customer's at-risk counters in a tenant: live tickets, NEGATIVE and HIGH ones, open or
 * pending ones, `concern` (NEGATIVE + HIGH: at risk when above 0), `risk` (3 × HIGH + 2 ×
 * NEGATIVE + open), and the latest ticket's creation. The partial index holds customers at
 * risk in the order of atRiskCustomers, so the top N is a range read.
 */
@modelOptions({ schemaOptions: { collection: 'stats_customers', timestamps: false } })
@index({ tenantId: 1, customerId: 1 }, { unique: true })
@index(
  { tenantId: 1, risk: -1, last: -1, customerId: 1 },
  { partialFilterExpression: { concern: { $gt: 0 } } },
)
export class StatsCustomerDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: String })
  customerId!: string;

  @prop({ required: true, type: Number, default: 0 })
  tickets!: number;

  @prop({ required: true, type: Number, default: 0 })
  negative!: number;

  @prop({ required: true, type: Number, default: 0 })
  high!: number;

  @prop({ required: true, type: Number, default: 0 })
  open!: number;

  @prop({ required: true, type: Number, default: 0 })
  concern!: number;

  @prop({ required: true, type: Number, default: 0 })
  risk!: number;

  @prop({ type: Date, default: null })
  last?: Date | null;

  @prop({ required: true, type: Number, default: 0 })
  seq!: number;
}
