import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UserErrorType } from './user-error.type.js';

@InputType('ReclassifyTicketsInput', {
  description: 'Which tickets to bring to the rules in force.',
})
export class ReclassifyTicketsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Only this tenant; every tenant when omitted.',
  })
  tenantId?: string | null;
}

@ObjectType('ReclassifyTicketsPayload', {
  description:
    'What a re-classification did: tickets from other rule versions now carry the current one.',
})
export class ReclassifyTicketsPayload {
  @Field(() => String, { description: 'The rule set in force, now on every scanned ticket.' })
  rulesVersion!: string;

  @Field(() => Int, {
    description: 'Tickets whose classification came from another rules version.',
  })
  scanned!: number;

  @Field(() => Int, { description: 'Tickets whose stored classification changed.' })
  reclassified!: number;

  @Field(() => Int, { description: 'High-urgency alerts queued for tickets that became HIGH.' })
  notificationsQueued!: number;

  @Field(() => [UserErrorType], {
    description: 'Why nothing was done (the counts are then zero); empty on success.',
  })
  userErrors!: UserErrorType[];
}
