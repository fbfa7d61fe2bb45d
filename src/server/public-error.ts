import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/**
 * An error answered outside Apollo's pipeline (on a socket, or before a body is read) in
 * the public shape it has through Apollo: one formatter, and no HTTP hint in the body.
 */
export function publicError(error: GraphQLError, formatError: FormatError): GraphQLError {
  const { message, path, extensions } = formatError(error.toJSON(), error);
  const { http, ...rest } = extensions ?? {};
  return new GraphQLError(message, { path, extensions: rest });
}

/** The error with `code` as its extensions.code (unchanged when there is none to give). */
export function withCode(error: GraphQLError, code: string | undefined): GraphQLError {
  if (code === undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code },
  });
}
