import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'Anything fetchable by global id.' })
export abstract class Node {
  @Field(() => ID, {
    description:
      'A global id, unique across every type: pass it to node(id) or to the fields that take an id. Treat it as opaque.',
  })
  id!: string;
}
