/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query RecentTickets($tenantId: String, $first: Int!) {\n    tickets(tenantId: $tenantId, first: $first) {\n      totalCount\n      nodes {\n        id\n        subject\n        classification {\n          urgency\n          sentiment\n          raisesAlert\n        }\n      }\n    }\n  }\n": typeof types.RecentTicketsDocument,
    "\n  mutation CorrectTicket($input: CorrectClassificationInput!) {\n    correctClassification(input: $input) {\n      ticket {\n        id\n        classification {\n          urgency\n          needsReview\n        }\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.CorrectTicketDocument,
    "\n  subscription LiveFigures($tenantId: String) {\n    tenantStatsUpdated(tenantId: $tenantId) {\n      totalTickets\n      urgencyHighRatio\n    }\n  }\n": typeof types.LiveFiguresDocument,
};
const documents: Documents = {
    "\n  query RecentTickets($tenantId: String, $first: Int!) {\n    tickets(tenantId: $tenantId, first: $first) {\n      totalCount\n      nodes {\n        id\n        subject\n        classification {\n          urgency\n          sentiment\n          raisesAlert\n        }\n      }\n    }\n  }\n": types.RecentTicketsDocument,
    "\n  mutation CorrectTicket($input: CorrectClassificationInput!) {\n    correctClassification(input: $input) {\n      ticket {\n        id\n        classification {\n          urgency\n          needsReview\n        }\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.CorrectTicketDocument,
    "\n  subscription LiveFigures($tenantId: String) {\n    tenantStatsUpdated(tenantId: $tenantId) {\n      totalTickets\n      urgencyHighRatio\n    }\n  }\n": types.LiveFiguresDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentTickets($tenantId: String, $first: Int!) {\n    tickets(tenantId: $tenantId, first: $first) {\n      totalCount\n      nodes {\n        id\n        subject\n        classification {\n          urgency\n          sentiment\n          raisesAlert\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').RecentTicketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectTicket($input: CorrectClassificationInput!) {\n    correctClassification(input: $input) {\n      ticket {\n        id\n        classification {\n          urgency\n          needsReview\n        }\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): typeof import('./graphql.js').CorrectTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveFigures($tenantId: String) {\n    tenantStatsUpdated(tenantId: $tenantId) {\n      totalTickets\n      urgencyHighRatio\n    }\n  }\n"): typeof import('./graphql.js').LiveFiguresDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
