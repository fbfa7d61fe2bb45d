import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../schema/context.js';
import { requireAuthenticationPlugin } from '../schema/require-authentication.plugin.js';
import { checkOperation, PARSE_OPTIONS, validationRules } from '../schema/request-rules.js';
import { budgetHeaders, chargeOperation, costExtension } from './request-budget.js';

/**
 * Checks the operation Apollo resolved (an unresolved one is reported by execution) and
 * charges it to its key's budget; the answer carries the charge in headers and
 * `extensions.cost`, and the key's concurrency slot is freed once it is sent.
 */
function operationRulesPlugin(schema: GraphQLSchema): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let release: () => void = () => undefined;
      return {
        async didResolveOperation({ document, request, operation, contextValue }) {
          if (operation === undefined) return;
          const checked = checkOperation(schema, document, operation, request.variables);
          if ('error' in checked) throw checked.error;
          release = await chargeOperation(contextValue, checked.cost);
        },
        async willSendResponse({ contextValue, response }) {
          release();
          const { budget } = contextValue;
          if (budget === undefined) return;
          for (const [name, value] of budgetHeaders(budget)) response.http.headers.set(name, value);
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: costExtension(budget) };
          }
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
  stackTraces: boolean;
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
    includeStacktraceInErrorResponses: options.stackTraces,
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
