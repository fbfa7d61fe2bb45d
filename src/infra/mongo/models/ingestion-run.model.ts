import { index, modelOptions, prop } from '@typegoose/typegoose';
import { IngestionStatus } from '../../../domain/ingestion/ingestion.types.js';

export class IngestionProgressDoc {
  @prop({ type: Number })
  totalPages?: number;

  @prop({ type: Number, default: 0 })
  processedPages!: number;

  @prop({ type: Number, default: 0 })
  fetched!: number;

  @prop({ type: Number, default: 0 })
  created!: number;

  @prop({ type: Number, default: 0 })
  updated!: number;

  @prop({ type: Number, default: 0 })
  unchanged!: number;

  @prop({ type: Number, default: 0 })
  deleted!: number;

  @prop({ type: Number, default: 0 })
  failed!: number;

  @prop({ type: Number, default: 0 })
  notificationsQueued!: number;

  @prop({ type: Number, default: 0 })
  rateLimitWaits!: number;

  @prop({ type: Date, default: null })
  waitingForProviderUntil?: Date | null;
}

/** An ingestion run: the job's state and, once finished, its audit record. */
@modelOptions({ schemaOptions: { collection: 'ingestion_runs', timestamps: false } })
@index({ tenantId: 1, queuedAt: -1, _id: -1 })
@index({ tenantId: 1, status: 1, queuedAt: -1 })
@index({ status: 1, queuedAt: -1 })
export class IngestionRunDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, enum: IngestionStatus, type: String })
  status!: IngestionStatus;

  @prop({ required: true, type: String })
  requestedBy!: string;

  @prop({ type: Boolean, default: false })
  full!: boolean;

  @prop({ required: true, type: Date })
  queuedAt!: Date;

  @prop({ type: Date })
  startedAt?: Date;

  @prop({ type: Date })
  finishedAt?: Date;

  @prop({ type: () => IngestionProgressDoc, _id: false, default: () => ({}) })
  progress!: IngestionProgressDoc;

  @prop({ type: String })
  error?: string;

  /** The gateway process executing the run. */
  @prop({ type: String })
  executor?: string;
}
