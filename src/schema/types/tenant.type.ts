import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOrigin, type TenantRecord } from '../../domain/tenants/ports.js';
import { connectionTypes } from './connection.type.js';
import { USER_ERRORS_DESCRIPTION, UserErrorType } from './user-error.type.js';

registerEnumType(TenantOrigin, {
  name: 'TenantOrigin',
  description: 'How the gateway came to know a tenant.',
  valuesConfig: {
    REGISTERED: { description: 'An admin registered it (registerTenant).' },
    SEEN_BY_SWEEP: {
      description:
        'A sweep (startIngestion with allTenants) met its tickets, or stored tickets or keys already named it.',
    },
  },
});

@ObjectType('Tenant', {
  description:
    'A customer organisation of the support platform: its tickets, keys and runs are named by its id (the tenantId arguments).',
})
export class TenantType {
  @Field(() => ID, { description: 'The tenant id, as every tenantId argument takes it.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A display name, when one was registered.' })
  name!: string | null;

  @Field(() => TenantOrigin, { description: 'How the gateway came to know it.' })
  origin!: TenantOrigin;

  @Field(() => Date, { description: 'When the gateway first knew the tenant.' })
  knownSince!: Date;

  static from(record: TenantRecord): TenantType {
    return Object.assign(new TenantType(), record);
  }
}

export const { Connection: TenantConnection } = connectionTypes('Tenant', TenantType);
export type TenantConnection = InstanceType<typeof TenantConnection>;

@InputType('RegisterTenantInput', { description: 'The tenant to make known.' })
export class RegisterTenantInput {
  @Field(() => String, {
    description:
      'Letters, digits, "_", "-" and "." (1 to 64): the id tickets carry from the provider.',
  })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A display name (up to 100 characters); kept as it is when omitted.',
  })
  name?: string | null;
}

@ObjectType('RegisterTenantPayload', { description: 'The tenant, now known.' })
export class RegisterTenantPayload {
  @Field(() => TenantType, {
    nullable: true,
    description: 'The tenant, new or as it already was (registering twice is harmless).',
  })
  tenant!: TenantType | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}
