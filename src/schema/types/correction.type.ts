import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Sentiment, Urgency } from '../../domain/tickets/ticket.types.js';
import { TicketType } from './ticket.type.js';
import { UserErrorType, USER_ERRORS_DESCRIPTION } from './user-error.type.js';

@InputType('CorrectClassificationInput', {
  description: 'Labels to set on a ticket; at least one. Labels left out stay as they are.',
})
export class CorrectClassificationInput {
  @Field(() => ID, { description: "The ticket's global id (Ticket.id)." })
  ticketId!: string;

  @Field(() => Urgency, { nullable: true, description: 'The right urgency.' })
  urgency?: Urgency | null;

  @Field(() => Sentiment, { nullable: true, description: 'The right sentiment.' })
  sentiment?: Sentiment | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the team must act.' })
  requiresAction?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why (at most 500 characters); kept in the ticket history.',
  })
  note?: string | null;
}

@ObjectType('CorrectClassificationPayload', {
  description: 'The ticket with its corrected labels.',
})
export class CorrectClassificationPayload {
  @Field(() => TicketType, { nullable: true, description: 'The ticket after the correction.' })
  ticket!: TicketType | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}
