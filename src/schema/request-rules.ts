import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  typeFromAST,
  type GraphQLInputType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isLeafType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/pagination/page-args.js';
import { costContext, oncePerListCost, type CostContext } from './connection-cost.js';

/**
 * The rules every GraphQL request meets, on HTTP (Apollo) and on WebSocket (graphql-ws)
 * alike: parse limits, validation rules, operation resolution, variables and cost.
 */

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
 * Cost of a field: its own weight, plus its children; a list argument (`first`/`last`, or
 * the default page size for connections) multiplies the children, so nested pages cannot
 * explode. The own weight is 1 for an object and 0 for a scalar, unless the field declares
 * its database work (`complexity` in its decorator, see query-cost.ts).
 */
const connectionAwareEstimator: ComplexityEstimator = (options) => {
  const { field, args, childComplexity } = options;
  const declared = field.extensions?.complexity as ComplexityEstimator | number | undefined;
  const own =
    typeof declared === 'number'
      ? declared
      : typeof declared === 'function'
        ? (declared({ ...options, childComplexity: 0 }) ?? 0)
        : isLeafType(getNamedType(field.type))
          ? 0
          : 1;
  // The larger of first and last: history honours last over its defaulted first, and the
  // other connections refuse both together, so the price is never below the page served.
  const sizes = [args.first, args.last].filter((size): size is number => typeof size === 'number');
  const pageArg = sizes.length === 0 ? null : Math.max(...sizes);
  const isPaged = 'first' in args || 'last' in args || field.args.some((a) => a.name === 'first');
  // A page above the maximum is refused by its resolver (BAD_USER_INPUT, which says the
  // limit), so it is costed as a full page here.
  const multiplier = isPaged
    ? Math.max(1, Math.min(MAX_PAGE_SIZE, pageArg ?? DEFAULT_PAGE_SIZE))
    : 1;
  // A connection's totalCount and pageInfo are read once per list, whatever the page size.
  const once = isPaged
    ? oncePerListCost(
        getNamedType(field.type),
        options.node.selectionSet,
        options.context as CostContext,
      )
    : 0;
  return own + once + multiplier * Math.max(0, childComplexity - once);
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

const LIMIT_VALIDATION_RULES: ValidationRule[] = [
  maxDepthRule({ n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true, ...asValidationError }),
  maxAliasesRule({ n: REQUEST_LIMITS.maxAliases, ...asValidationError }),
];

export const PARSE_OPTIONS: ParseOptions = { maxTokens: REQUEST_LIMITS.maxTokens };

/** Validation rules beyond graphql-js's own; introspection is refused when it is off. */
export function validationRules(introspection: boolean): ValidationRule[] {
  return introspection
    ? LIMIT_VALIDATION_RULES
    : [...LIMIT_VALIDATION_RULES, NoSchemaIntrospectionCustomRule];
}

/** A refusal before execution: the caller's mistake, so HTTP 400 (clients retry 5xx). */
function requestError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * The operation to run, or graphql-js's own words (as Apollo reports them) when the
 * document and operationName do not pick exactly one.
 */
export function resolveOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | GraphQLError {
  const operation = getOperationAST(document, operationName);
  if (operation) return operation;
  const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  const message = operationName
    ? `Unknown operation named "${operationName}".`
    : count === 0
      ? 'Must provide an operation.'
      : 'Must provide operation name if query contains multiple operations.';
  return requestError(message, 'OPERATION_RESOLUTION_FAILURE');
}

/** Items a list argument may hold, unless it is a list of enum values (then: their number). */
export const MAX_LIST_ITEMS = 100;

/**
 * Lists in the variables longer than their type allows. Variables escape the token limit,
 * so without this a 1 MB body could carry 100,000 filter values.
 */
function listLimitErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const check = (type: GraphQLInputType, value: unknown, path: string): void => {
    const nullable = getNullableType(type);
    if (value === null || value === undefined) return;
    if (isListType(nullable) && Array.isArray(value)) {
      const item = getNamedType(nullable);
      const limit = isEnumType(item) ? item.getValues().length : MAX_LIST_ITEMS;
      if (value.length > limit) {
        errors.push(
          requestError(
            `Variable "${path}" holds ${value.length} items; it may hold at most ${limit}.`,
            'BAD_USER_INPUT',
          ),
        );
        return;
      }
      value.forEach((entry, i) => check(nullable.ofType, entry, `${path}[${i}]`));
    } else if (isInputObjectType(nullable) && typeof value === 'object') {
      for (const [name, field] of Object.entries(nullable.getFields()))
        check(field.type, (value as Record<string, unknown>)[name], `${path}.${name}`);
    }
  };
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    const name = definition.variable.name.value;
    if (type !== undefined && isInputType(type)) check(type, variables?.[name], `$${name}`);
  }
  return errors;
}

/**
 * What both transports check once the operation is known, before any coercion or
 * execution: the length of list variables, then the cost. The cost when the operation may
 * run (its key's budget is charged that much), else the error to answer with.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): { cost: number } | { error: GraphQLError } {
  const tooLong = listLimitErrors(schema, operation, variables)[0];
  if (tooLong !== undefined) return { error: tooLong };
  const cost = operationCost(schema, document, variables, operation);
  if (cost <= REQUEST_LIMITS.maxCost) return { cost };
  return {
    error: new GraphQLError(
      `The query costs ${cost}, above the limit of ${REQUEST_LIMITS.maxCost}: ask for smaller pages or fewer nested lists.`,
      {
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          cost,
          maxCost: REQUEST_LIMITS.maxCost,
          http: { status: 400 },
        },
      },
    ),
  };
}

/** Variables that do not fit the operation, in graphql-js's words; empty when they fit. */
export function variableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 50,
  });
  return (result.errors ?? []).map((error) => requestError(error.message, 'BAD_USER_INPUT'));
}

/** The operation's estimated cost; 0 when its variables are bad (execution reports those). */
function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operation: OperationDefinitionNode,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operation.name ? { operationName: operation.name.value } : {}),
      estimators: [connectionAwareEstimator],
      context: costContext(document.definitions, variables ?? {}),
    });
  } catch (error) {
    if (error instanceof GraphQLError) return 0;
    throw error;
  }
}
