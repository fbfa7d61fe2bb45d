/**
 * Operations the request rules refuse, each with the typed error it gets: run in process
 * (test/unit/graphql/request-rules.test.ts) and over WebSocket (test/integration/limits.test.ts).
 */
const aliasQuery = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { isAdmin }`).join(' ')} }`;
const costly = `{ tickets(tenantId: "tenant_a", first: 100) { nodes { history(first: 100) { nodes { changes { field } } } } } }`;
const manyTokens = `{ viewer { ${'isAdmin '.repeat(6000)} } }`;
const badEnum = '{ tickets(tenantId: "a", filter: { status: [LOST] }) { totalCount } }';
// The schema has no cycles, so only made-up fields nest this deep; the depth rule still fires.
const deep = `{ viewer { ${'a { '.repeat(12)}b${' }'.repeat(12)} } }`;
const unnamedSubscription = 'subscription { ingestionProgress(runId: "x") { id } }';
const twoQueries = 'query A { viewer { isAdmin } } query B { viewer { keyName } }';
const pageOf = 'query Page($first: Int) { tickets(tenantId: "a", first: $first) { totalCount } }';

export interface BadOperation {
  name: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  code: string;
  message: RegExp;
}

export const BAD_OPERATIONS: BadOperation[] = [
  // 2,000 aliases are over the token limit already: parsing stops before building them all.
  {
    name: '2,000 aliases',
    query: aliasQuery(2000),
    code: 'GRAPHQL_PARSE_FAILED',
    message: /tokens/i,
  },
  {
    name: '40 aliases',
    query: aliasQuery(40),
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /aliases/i,
  },
  {
    name: 'a query past the cost limit',
    query: costly,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /costs \d+, above the limit/,
  },
  { name: 'too many tokens', query: manyTokens, code: 'GRAPHQL_PARSE_FAILED', message: /tokens/i },
  { name: 'a syntax error', query: '{ viewer { ', code: 'GRAPHQL_PARSE_FAILED', message: /Syntax/ },
  {
    name: 'an unknown enum value',
    query: badEnum,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /LOST/,
  },
  {
    name: 'a selection nested too deep',
    query: deep,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /depth/i,
  },
  {
    name: 'an unnamed subscription with an operationName',
    query: unnamedSubscription,
    operationName: 'Progress',
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /^Unknown operation named "Progress"\.$/,
  },
  {
    name: 'two operations and no operationName',
    query: twoQueries,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Must provide operation name/,
  },
  {
    name: 'an operationName that is not in the document',
    query: twoQueries,
    operationName: 'C',
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Unknown operation named "C"/,
  },
  {
    name: 'a list variable of 120,000 enum values (an 840 KB body)',
    query:
      'query S($s: [TicketStatus!]) { tickets(tenantId: "a", filter: { status: $s }) { totalCount } }',
    variables: { s: Array(120_000).fill('OPEN') },
    code: 'BAD_USER_INPUT',
    message: /Variable "\$s" holds 120000 items; it may hold at most 3\./,
  },
  {
    name: 'a variable of the wrong type',
    query: pageOf,
    variables: { first: 'ten' },
    code: 'BAD_USER_INPUT',
    message: /Variable "\$first" got invalid value "ten"/,
  },
];
