import { Field, Float, ObjectType } from 'type-graphql';
import { HealthStatus, type Health } from '../../domain/health/health.service.js';

@ObjectType('DependencyHealth', { description: 'One dependency of the gateway, as last probed.' })
export class DependencyHealthType {
  @Field(() => String, { description: 'mongodb or provider.' })
  name!: string;

  @Field(() => HealthStatus, { description: 'OK, or DOWN when the probe failed.' })
  status!: HealthStatus;

  @Field(() => Float, { nullable: true, description: 'How long the probe took.' })
  latencyMs?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the probe failed, when it did.' })
  detail?: string | null;
}

@ObjectType('Health', { description: 'The gateway and its dependencies, probed now.' })
export class HealthType {
  @Field(() => HealthStatus, {
    description: 'DOWN when the database fails, DEGRADED when only the provider does.',
  })
  status!: HealthStatus;

  @Field(() => [DependencyHealthType], { description: 'Each dependency as just probed.' })
  dependencies!: DependencyHealthType[];

  static from(health: Health): HealthType {
    return Object.assign(new HealthType(), health);
  }
}
