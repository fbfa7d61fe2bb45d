import type { RequestHandler } from 'express';
import type { Principal } from '../domain/auth/principal.js';
import { publicError, type FormatError } from './public-error.js';
import type { RequestContexts } from './request-context.js';
import { refusalError, refusalPause } from './request-budget.js';

/** Who called, as the gate found it (absent when authentication failed: Apollo reports that). */
export function gatedPrincipal(locals: Record<string, unknown>): Principal | null | undefined {
  return locals.principal as Principal | null | undefined;
}

/**
 * Before the body is read or parsed: who calls, and whether this replica already knows to
 * refuse them (a key at its concurrency cap, told to wait, or with an empty bucket). Those
 * get their 429 after the refusal pause without being parsed, so a client ignoring
 * Retry-After costs a key lookup, not a GraphQL pipeline.
 */
export function callerGate(contexts: RequestContexts, formatError: FormatError): RequestHandler {
  return async (req, res, next) => {
    let principal: Principal | null;
    try {
      principal = await contexts.authenticate(req.headers.authorization);
    } catch {
      return next();
    }
    res.locals.principal = principal;
    const refusal = principal === null ? null : contexts.refusalFor(principal);
    if (refusal === null) return next();
    await refusalPause(refusal);
    const error = refusalError(refusal);
    const { status, headers } = error.extensions.http as {
      status: number;
      headers: Map<string, string>;
    };
    res
      .status(status)
      .set(Object.fromEntries(headers))
      .json({ errors: [publicError(error, formatError).toJSON()] });
  };
}
