import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { ApiKeyRecord } from '../../domain/auth/api-key.service.js';
import { toGlobalId } from '../global-id.js';
import { Node } from './node.interface.js';
import { UserErrorType } from './user-error.type.js';

@ObjectType('ApiKey', {
  implements: Node,
  description: 'An API key; its secret is never shown again.',
})
export class ApiKeyType extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null for an admin key.' })
  tenantId!: string | null;

  @Field(() => Boolean)
  isAdmin!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  static from(record: ApiKeyRecord): ApiKeyType {
    return Object.assign(new ApiKeyType(), { ...record, id: toGlobalId('ApiKey', record.id) });
  }
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The tenant the key is bound to; omit together with admin: true for an admin key.',
  })
  tenantId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  admin?: boolean | null;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey!: ApiKeyType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The secret, shown once; only its hash is stored.',
  })
  secret!: string | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@InputType('RevokeApiKeyInput')
export class RevokeApiKeyInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType('RevokeApiKeyPayload')
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey!: ApiKeyType | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}
