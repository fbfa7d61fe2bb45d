import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'Anything fetchable by global id.' })
export abstract class Node {
  @Field(() => ID, {
    description: "Opaque global id (e.g. base64 of 'Ticket:<mongo id>'). Never a bare Mongo id.",
  })
  id!: string;
}
