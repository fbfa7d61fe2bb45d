import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { secretFromAuthorization } from '../domain/auth/api-key.service.js';
import type { Principal } from '../domain/auth/principal.js';
import type { GatewayContext, Services } from '../schema/context.js';
import { createLoaders } from '../schema/loaders.js';
import { FAILED_AUTHENTICATION_COST } from '../domain/budgets/address-budget.js';
import { addressRefusalError, refusalPause } from './request-budget.js';

function httpError(code: string, status: number, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/** The answer while the database is unavailable: 503, retry in a second. */
export function databaseUnavailable(): GraphQLError {
  return new GraphQLError('The database is unavailable; retry later.', {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503, headers: new Map([['retry-after', '1']]) },
    },
  });
}

/** Who calls, and the context each HTTP request and each WebSocket subscribe runs with. */
export function requestContexts(services: Services, logger: Logger) {
  return {
    /**
     * Resolves the caller from `Bearer <key>`; no header means an anonymous caller. An
     * authentication reserves a failure's cost from the address's budget before the key is
     * looked up (so parallel attempts cannot overdraw it), and gets it back when the key is
     * good; a spent address is refused (429) without a lookup.
     */
    async authenticate(
      authorization: string | undefined,
      address: string,
    ): Promise<Principal | null> {
      if (authorization === undefined || authorization === '') return null;
      const secret = secretFromAuthorization(authorization);
      const reserved = services.anonymous.take(address, FAILED_AUTHENTICATION_COST);
      // A spent address still lets through keys that authenticated lately (its other users).
      if (!reserved.ok && !(secret !== undefined && services.apiKeys.vouchedFor(secret))) {
        await refusalPause(reserved);
        throw addressRefusalError(reserved);
      }
      const failed = (message: string) => httpError('UNAUTHENTICATED', 401, message);
      if (secret === undefined)
        throw failed("The Authorization header must be 'Bearer <API key>'.");
      try {
        const principal = await services.apiKeys.authenticate(secret);
        if (principal === null)
          throw failed(
            services.apiKeys.whyRefused(secret) === 'revoked'
              ? 'The API key was revoked: ask an admin for a new one.'
              : 'Unknown API key: check it was copied whole, or ask an admin for one.',
          );
        if (reserved.ok) services.anonymous.refund(address, FAILED_AUTHENTICATION_COST);
        return principal;
      } catch (error) {
        if (services.database.isOutage(error)) {
          services.database.reportUnavailable();
          throw databaseUnavailable();
        }
        throw error;
      }
    },

    /** The database is known to be down: every request is refused at once until it is back. */
    databaseDown: () => services.database.down !== null,

    /** Calls `listener(true)` when the database goes down, `listener(false)` when it is back. */
    onDatabaseChange: (listener: (down: boolean) => void) => services.database.onChange(listener),

    /** Why a caller without a key from `address` is refused before parsing, or null. */
    anonymousRefusal: (address: string) => services.anonymous.refusal(address),

    /** A refusal this replica can give without reading the request (see caller-gate.ts). */
    refusalFor: (principal: Principal) => services.budgets.refusalFor(principal),

    /** Of these keys, the ones still valid now. */
    activeKeyIds: (keyIds: string[]) => services.apiKeys.activeKeyIds(keyIds),

    /** A fresh context, with fresh DataLoaders: nothing is cached across requests. */
    create(principal: Principal | null, clientAddress: string): GatewayContext {
      const requestId = randomUUID();
      return {
        requestId,
        principal,
        clientAddress,
        services,
        loaders: createLoaders(services),
        // Who asked, never with what secret.
        logger: logger.child({
          requestId,
          tenantId: principal?.tenantId ?? null,
          keyName: principal?.keyName ?? null,
        }),
      };
    },
  };
}

export type RequestContexts = ReturnType<typeof requestContexts>;
