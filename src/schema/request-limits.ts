import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  isLeafType,
  getNamedType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../domain/pagination/page-args.js';

/** The same limits on HTTP and on WebSocket. */
export const REQUEST_LIMITS = {
  /** Nesting of selections (introspection is exempt: GraphiQL's own query is deep). */
  maxDepth: 10,
  maxAliases: 30,
  /** Lexical tokens of one document (graphql-js stops parsing past it). */
  maxTokens: 5000,
  /** Cost as estimated below; tickets(first: 100) with history(first: 20) costs about 4,300. */
  maxCost: 10_000,
} as const;

/**
 * Cost of a field: 1 for an object (0 for a scalar), plus its children; a list argument
 * (`first`/`last`, or the default page size for connections) multiplies the children, so
 * nested pages cannot explode.
 */
const connectionAwareEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const pageArg =
    typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
  const isPaged = 'first' in args || 'last' in args || field.args.some((a) => a.name === 'first');
  const multiplier = isPaged ? Math.max(1, pageArg ?? DEFAULT_PAGE_SIZE) : 1;
  return own + multiplier * childComplexity;
};

/**
 * graphql-armor throws its rejections as "Syntax Error"s by default; reported through the
 * validation context instead, they become ordinary validation errors on both transports.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ),
  ],
};

export const LIMIT_VALIDATION_RULES: ValidationRule[] = [
  maxDepthRule({ n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true, ...asValidationError }),
  maxAliasesRule({ n: REQUEST_LIMITS.maxAliases, ...asValidationError }),
];

/** Null when within the budget, else the error to answer with. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [connectionAwareEstimator],
    });
  } catch (error) {
    // Bad variables are reported by execution with their own error; cost is moot then.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  if (cost <= REQUEST_LIMITS.maxCost) return null;
  return new GraphQLError(
    `The query costs ${cost}, above the limit of ${REQUEST_LIMITS.maxCost}: ask for smaller pages or fewer nested lists.`,
    {
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        cost,
        maxCost: REQUEST_LIMITS.maxCost,
        http: { status: 400 },
      },
    },
  );
}
