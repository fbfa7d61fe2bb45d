import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../schema/context.js';
import { requireAuthenticationPlugin } from '../schema/require-authentication.plugin.js';
import { operationError, PARSE_OPTIONS, validationRules } from '../schema/request-rules.js';

/** Checks the operation Apollo resolved; an unresolved one is reported by execution. */
function operationRulesPlugin(schema: GraphQLSchema): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          if (operation === undefined) return;
          const error = operationError(schema, document, operation, request.variables);
          if (error !== null) throw error;
        },
      };
    },
  };
}

/** GraphQL over HTTP, with the request rules the WebSocket path shares. */
export function createApollo(options: {
  schema: GraphQLSchema;
  httpServer: Server;
  introspection: boolean;
  development: boolean;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  telemetryPlugin: ApolloServerPlugin;
}): ApolloServer<GatewayContext> {
  const { schema } = options;
  return new ApolloServer<GatewayContext>({
    schema,
    // Introspection is refused by validationRules(), as on WebSocket; Apollo adds no rule of its own.
    introspection: true,
    validationRules: validationRules(options.introspection),
    parseOptions: PARSE_OPTIONS,
    csrfPrevention: true,
    // The process owns shutdown order (Apollo's own handler re-raises the signal).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: options.development,
    formatError: options.formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requireAuthenticationPlugin,
      operationRulesPlugin(schema),
      options.telemetryPlugin as ApolloServerPlugin<GatewayContext>,
    ],
  });
}
