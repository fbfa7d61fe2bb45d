import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { ApiKeyRecord } from '../../domain/auth/api-key.service.js';
import { toGlobalId } from '../global-id.js';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.interface.js';
import { USER_ERRORS_DESCRIPTION, UserErrorType } from './user-error.type.js';

@ObjectType('ApiKey', {
  implements: Node,
  description: 'An API key; its secret is never shown again.',
})
export class ApiKeyType extends Node {
  @Field(() => String, { description: 'What the key is for, as its creator named it.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The tenant it is bound to; null for an admin key.',
  })
  tenantId!: string | null;

  @Field(() => Boolean, { description: 'An admin key acts on every tenant and manages keys.' })
  isAdmin!: boolean;

  @Field(() => Boolean, {
    description:
      "The key runs only the operations of the gateway's trusted-documents manifest (TRUSTED_DOCUMENTS): a first-party frontend's key that cannot run ad-hoc queries.",
  })
  trustedDocumentsOnly!: boolean;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was revoked (it authenticates nothing since); null while valid.',
  })
  revokedAt!: Date | null;

  static from(record: ApiKeyRecord): ApiKeyType {
    return Object.assign(new ApiKeyType(), { ...record, id: toGlobalId('ApiKey', record.id) });
  }
}

export const { Connection: ApiKeyConnection } = connectionTypes('ApiKey', ApiKeyType);
export type ApiKeyConnection = InstanceType<typeof ApiKeyConnection>;

@InputType('CreateApiKeyInput', { description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for (1 to 100 characters).' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The tenant the key is bound to; omit together with admin: true for an admin key.',
  })
  tenantId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'An admin key (no tenantId): it acts on every tenant and manages keys.',
  })
  admin?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Only the trusted documents (the manifest the gateway was given, sent by id or in full) may run with the key; any other operation is refused with PERSISTED_QUERY_NOT_FOUND.',
  })
  trustedDocumentsOnly?: boolean | null;
}

@ObjectType('CreateApiKeyPayload', { description: 'The new key, and its secret shown once.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true, description: 'The new key; null when refused.' })
  apiKey!: ApiKeyType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The secret, shown once; only its hash is stored.',
  })
  secret!: string | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}

@InputType('RevokeApiKeyInput', { description: 'The key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: "The key's id (ApiKey.id)." })
  id!: string;
}

@ObjectType('RevokeApiKeyPayload', {
  description: 'The revoked key. Open subscriptions of the key are closed within seconds.',
})
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, {
    nullable: true,
    description: 'The key, with revokedAt set (revoking twice is harmless); null when not found.',
  })
  apiKey!: ApiKeyType | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}
