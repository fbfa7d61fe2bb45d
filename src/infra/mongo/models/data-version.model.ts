import { index, modelOptions, prop } from '@typegoose/typegoose';

/** The data version of one tenant's tickets (see DataVersions). */
@modelOptions({ schemaOptions: { collection: 'tenant_data_versions', timestamps: false } })
@index({ tenantId: 1 }, { unique: true })
export class DataVersionDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, type: Number })
  version!: number;

  @prop({ required: true, type: Date })
  changedAt!: Date;
}
