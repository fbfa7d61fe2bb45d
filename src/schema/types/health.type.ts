import { Field, Float, ObjectType } from 'type-graphql';
import { HealthStatus, type Health } from '../../domain/health/health.service.js';

@ObjectType('DependencyHealth', { description: 'One dependency of the gateway, as last probed.' })
export class DependencyHealthType {
  @Field(() => String, { description: 'mongodb or provider.' })
  name!: string;

  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => Float, { nullable: true, description: 'How long the probe took.' })
  latencyMs?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the probe failed, when it did.' })
  detail?: string | null;
}

@ObjectType('Health', { description: 'The gateway and its dependencies, probed now.' })
export class HealthType {
  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => [DependencyHealthType])
  dependencies!: DependencyHealthType[];

  static from(health: Health): HealthType {
    return Object.assign(new HealthType(), health);
  }
}
