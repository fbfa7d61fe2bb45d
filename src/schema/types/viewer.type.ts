import { Field, ObjectType } from 'type-graphql';
import type { Principal } from '../../domain/auth/principal.js';

@ObjectType('Viewer', { description: 'The caller, as identified by its API key.' })
export class ViewerType {
  @Field(() => String, {
    nullable: true,
    description: "The tenant the caller's key is bound to; null for an admin key.",
  })
  tenantId!: string | null;

  @Field(() => Boolean, { description: 'An admin key acts on every tenant and manages keys.' })
  isAdmin!: boolean;

  @Field(() => String, { description: 'The name given to the API key when it was created.' })
  keyName!: string;

  static from(principal: Principal): ViewerType {
    return Object.assign(new ViewerType(), {
      tenantId: principal.tenantId,
      isAdmin: principal.isAdmin,
      keyName: principal.keyName,
    });
  }
}
