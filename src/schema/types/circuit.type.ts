import { Field, Int, ObjectType } from 'type-graphql';
import { CircuitState, type CircuitStatus } from '../../domain/alerting/circuit.types.js';

@ObjectType('CircuitBreakerStatus', {
  description: "The circuit breaker around the provider's /notify.",
})
export class CircuitBreakerStatusType implements CircuitStatus {
  @Field(() => String, { description: 'Which circuit: provider-notify.' }) name!: string;
  @Field(() => CircuitState, { description: 'Whether alert calls go through now.' })
  state!: CircuitState;
  @Field(() => Int, { description: 'Failures among the last `windowSize` calls.' })
  failureCount!: number;
  @Field(() => Int, { description: 'How many recent calls the failure count looks at.' })
  windowSize!: number;
  @Field(() => Date, { nullable: true, description: 'When it last opened; null while closed.' })
  openedAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When an OPEN circuit will let a trial call through.',
  })
  nextAttemptAt!: Date | null;

  static from(status: CircuitStatus): CircuitBreakerStatusType {
    return Object.assign(new CircuitBreakerStatusType(), status);
  }
}
