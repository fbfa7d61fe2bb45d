import { index, modelOptions, prop, type Ref } from '@typegoose/typegoose';
import { ChangeAction } from '../../../domain/tickets/ticket.types.js';
import { TicketDoc } from './ticket.model.js';

export class FieldChangeDoc {
  @prop({ required: true, type: String })
  field!: string;

  @prop({ type: String, default: null })
  from?: string | null;

  @prop({ type: String, default: null })
  to?: string | null;
}

/** One change of one ticket: created, field-level update, soft delete, restore or correction. */
@modelOptions({ schemaOptions: { collection: 'ticket_history', timestamps: false } })
@index({ ticketId: 1, at: -1, _id: -1 })
@index({ tenantId: 1, at: -1 })
export class TicketHistoryDoc {
  @prop({ required: true, type: String })
  tenantId!: string;

  @prop({ required: true, ref: () => TicketDoc })
  ticketId!: Ref<TicketDoc>;

  @prop({ required: true, type: String })
  externalId!: string;

  @prop({ required: true, type: Date })
  at!: Date;

  @prop({ required: true, enum: ChangeAction, type: String })
  action!: ChangeAction;

  @prop({ type: String })
  runId?: string;

  @prop({ type: () => [FieldChangeDoc], _id: false, default: [] })
  changes!: FieldChangeDoc[];

  /** A correction's author (the API key's name) and note. */
  @prop({ type: String })
  by?: string;

  @prop({ type: String })
  note?: string;
}
