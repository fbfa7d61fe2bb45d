import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode } from '../../domain/user-error.js';

@ObjectType('UserError', { description: 'An expected failure of a mutation, returned as data.' })
export class UserErrorType {
  @Field(() => UserErrorCode)
  code!: UserErrorCode;

  @Field(() => String)
  message!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Path to the offending input field, if any.',
  })
  field?: string[] | null;
}
