import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../domain/errors.js';
import type { GatewayContext } from './context.js';

export const ADMIN = 'ADMIN';

/**
 * `@Authorized()` needs any valid key, `@Authorized(ADMIN)` an admin key. Throwing our own
 * errors (rather than returning false) keeps the codes UNAUTHENTICATED and FORBIDDEN.
 */
export const authChecker: AuthChecker<GatewayContext> = ({ context }, roles) => {
  if (context.principal === null) throw unauthenticated();
  if (roles.includes(ADMIN) && !context.principal.isAdmin) {
    throw forbidden('An admin API key is required.');
  }
  return true;
};
