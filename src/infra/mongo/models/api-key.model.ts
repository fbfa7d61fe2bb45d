import { index, modelOptions, prop } from '@typegoose/typegoose';

/** An API key. Only the SHA-256 of the secret is stored; the secret is shown once. */
@modelOptions({ schemaOptions: { collection: 'api_keys', timestamps: false } })
@index({ secretHash: 1 }, { unique: true })
@index({ name: 1 })
@index({ createdAt: -1, _id: -1 })
export class ApiKeyDoc {
  @prop({ required: true, type: String })
  name!: string;

  @prop({ type: String, default: null })
  tenantId?: string | null;

  @prop({ required: true, type: Boolean })
  isAdmin!: boolean;

  @prop({ type: Boolean, default: false })
  trustedDocumentsOnly?: boolean;

  @prop({ required: true, type: String })
  secretHash!: string;

  @prop({ required: true, type: Date })
  createdAt!: Date;

  @prop({ type: Date, default: null })
  revokedAt?: Date | null;
}
