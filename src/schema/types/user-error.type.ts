import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode } from '../../domain/user-error.js';

/** The userErrors field of every mutation payload. */
export const USER_ERRORS_DESCRIPTION =
  'Why the mutation did not do what was asked, one entry per problem; empty when it did.';

@ObjectType('UserError', {
  description:
    'An expected failure of a mutation (bad input, a refusal), returned as data rather than as a GraphQL error.',
})
export class UserErrorType {
  @Field(() => UserErrorCode, { description: 'What went wrong, for programs to branch on.' })
  code!: UserErrorCode;

  @Field(() => String, { description: 'What went wrong, for people; may change between versions.' })
  message!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'The input field at fault, as a path from the input object (e.g. ["tenantId"]); null when no one field is.',
  })
  field?: string[] | null;
}
