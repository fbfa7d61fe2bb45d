import { index, modelOptions, prop } from '@typegoose/typegoose';
import { TenantOrigin } from '../../../domain/tenants/ports.js';

/** A tenant the gateway knows (registered by an admin, or met by a sweep). */
@modelOptions({ schemaOptions: { collection: 'tenants', timestamps: false } })
@index({ tenantId: 1 }, { unique: true })
@index({ knownSince: 1, _id: 1 })
export class TenantDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ type: String, default: null })
  name?: string | null;

  @prop({ required: true, type: String, enum: TenantOrigin })
  origin!: TenantOrigin;

  @prop({ required: true, type: Date })
  knownSince!: Date;
}
