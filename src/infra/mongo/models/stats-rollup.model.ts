import { index, modelOptions, prop, Severity } from '@typegoose/typegoose';

/**
 * A roll-up document of one tenant, keyed `<tenant>|<kind>|<key>` (see rollup-keys.ts), so
 * a tenant's documents are one contiguous range of `_id` (the shard key):
 * - `totals`: the live tickets, requires-action, counts by status, source, urgency and
 *   sentiment, keyword counts, and `built` (complete: readers use them);
 * - `day` (a UTC day): tickets created per quarter-hour, `q.<0..95>`;
 * - `quarter` (a UTC quarter-hour): tickets per creation instant, `m.<ms into the quarter>`.
 * Counters live under keys the data decides, so the repository writes them with the driver.
 * `seq` is the last op that changed the document (a redo skips it).
 */
@modelOptions({
  schemaOptions: { collection: 'stats_rollups', timestamps: false, strict: false },
  options: { allowMixed: Severity.ALLOW },
})
@index({ tenantId: 1, kind: 1 })
export class StatsRollupDoc {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: String })
  kind!: string;

  @prop({ required: true, type: Number })
  seq!: number;
}
