import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/**
 * An error answered outside Apollo's pipeline (on a socket, or before a body is read) in
 * the public shape it has through Apollo: one formatter, and no HTTP hint in the body.
 */
export function publicError(
  error: GraphQLError,
  formatError: FormatError,
  code?: string,
): GraphQLError {
  const source = code === undefined ? error : withCode(error, code);
  const { message, path, extensions } = formatError(source.toJSON(), source);
  const { http, ...rest } = extensions ?? {};
  return new GraphQLError(message, { path, extensions: rest });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code },
  });
}
