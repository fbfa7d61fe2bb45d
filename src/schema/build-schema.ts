import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth-checker.js';

/**
 * type-graphql insists on a PubSub as soon as a subscription exists, even one with its own
 * `subscribe` (ours read the shared run feed). No topic is ever published.
 */
const NO_TOPICS = {
  publish(): never {
    throw new Error('Subscriptions here have their own subscribe functions; topics are not used.');
  },
  subscribe(): never {
    throw new Error('Subscriptions here have their own subscribe functions; topics are not used.');
  },
};
import './enums.js';

/** type-graphql has no place for the root types' descriptions; they are set once built. */
const ROOT_DESCRIPTIONS = {
  schema:
    "ticket-gateway: a multi-tenant support platform's tickets, classified (urgency, sentiment, requiresAction), with tenant statistics and ingestion runs. Start with Query.tickets, Query.tenantStats and Mutation.startIngestion.",
  query:
    'Reads. Every field needs an API key (Authorization: Bearer <key>) except the introspection GraphiQL uses; a tenant key sees its own tenant only.',
  mutation:
    'Changes. Each returns a payload whose userErrors say what it did not do; keys without the right role get a FORBIDDEN error.',
  subscription: 'Live updates over WebSocket (graphql-ws), authenticated by the same key.',
} as const;

/** A schema of these resolvers, with the gateway's scalars, auth checker and descriptions. */
export async function buildSchemaOf(
  resolvers: BuildSchemaOptions['resolvers'],
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    pubSub: NO_TOPICS,
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: false,
  });
  schema.description = ROOT_DESCRIPTIONS.schema;
  schema.getQueryType()!.description = ROOT_DESCRIPTIONS.query;
  schema.getMutationType()!.description = ROOT_DESCRIPTIONS.mutation;
  schema.getSubscriptionType()!.description = ROOT_DESCRIPTIONS.subscription;
  return schema;
}
