import { modelOptions, prop } from '@typegoose/typegoose';
import { CircuitState } from '../../../domain/alerting/circuit.types.js';

/** A circuit breaker's shared state (e.g. `provider-notify`), written by compare-and-swap on version. */
@modelOptions({ schemaOptions: { collection: 'circuits', timestamps: false } })
export class CircuitDoc {
  @prop({ required: true, type: String })
  _id!: string;

  @prop({ required: true, enum: CircuitState, type: String })
  state!: CircuitState;

  @prop({ type: () => [Boolean], default: [] })
  outcomes!: boolean[];

  @prop({ type: Number, default: null })
  openedAt!: number | null;

  @prop({ type: Number, default: null })
  nextAttemptAt!: number | null;

  @prop({ type: Number, default: null })
  trialUntil!: number | null;

  @prop({ type: Number, default: 0 })
  version!: number;
}
