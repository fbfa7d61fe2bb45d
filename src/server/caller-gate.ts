import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '../domain/auth/principal.js';
import { publicError, type FormatError } from './public-error.js';
import { databaseUnavailable, type RequestContexts } from './request-context.js';
import { addressRefusalError, refusalError, refusalPause } from './request-budget.js';

/**
 * Who called, as the gate found it: the principal (null for no key), or the authentication
 * error, which Apollo's context reports (so a key is looked up once per request).
 */
export function gatedCaller(
  locals: Record<string, unknown>,
): { principal: Principal | null } | { error: unknown } {
  return 'authError' in locals
    ? { error: locals.authError }
    : { principal: locals.principal as Principal | null };
}

/**
 * The client's address: the peer's, or with `hops` trusted proxies in front, the address
 * they saw (X-Forwarded-For, counted from the right, as Express counts trusted hops).
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [req.socket.remoteAddress ?? 'unknown', ...forwarded.reverse()];
  return chain[Math.min(hops, chain.length - 1)]!;
}

/**
 * Before the body is read or parsed: who calls, and whether this replica already knows to
 * refuse them (a key at its concurrency cap, told to wait, or with an empty bucket). Those
 * get their 429 after the refusal pause without being parsed, so a client ignoring
 * Retry-After costs a key lookup, not a GraphQL pipeline.
 */
export function callerGate(
  contexts: RequestContexts,
  formatError: FormatError,
  proxyHops: number,
): RequestHandler {
  const refuse = (res: Response, error: GraphQLError) => {
    const { status, headers } = error.extensions.http as {
      status: number;
      headers?: Map<string, string>;
    };
    res
      .status(status)
      .set(Object.fromEntries(headers ?? []))
      .json({ errors: [publicError(error, formatError).toJSON()] });
  };
  return async (req, res, next) => {
    // Known down: answered at once, instead of waiting out the driver's timeouts.
    if (contexts.databaseDown()) return refuse(res, databaseUnavailable());
    const address = clientAddress(req, proxyHops);
    let principal: Principal | null;
    try {
      principal = await contexts.authenticate(req.headers.authorization, address);
    } catch (error) {
      // A bad key, a spent address, the database gone: answered here, the body unread.
      if (error instanceof GraphQLError && error.extensions.http !== undefined)
        return refuse(res, error);
      res.locals.authError = error;
      return next();
    }
    res.locals.principal = principal;
    if (principal === null) {
      // Without a key, a spent address is refused before its request is parsed.
      const spent = contexts.anonymousRefusal(address);
      if (spent === null) return next();
      await refusalPause(spent);
      return refuse(res, addressRefusalError(spent));
    }
    const refusal = contexts.refusalFor(principal);
    if (refusal === null) return next();
    await refusalPause(refusal);
    refuse(res, refusalError(refusal));
  };
}
