import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../schema/context.js';
import { requireAuthenticationPlugin } from '../schema/require-authentication.plugin.js';
import { untrustedDocument, type TrustedDocuments } from './trusted-documents.js';
import { checkOperation, PARSE_OPTIONS, validationRules } from '../schema/request-rules.js';
import {
  budgetHeaders,
  chargeOperation,
  costExtension,
  refundIfRefused,
} from './request-budget.js';

/**
 * Checks the operation Apollo resolved (an unresolved one is reported by execution) and
 * charges it to its key's budget; the answer carries the charge in headers and
 * `extensions.cost`, and the key's concurrency slot is freed once it is sent.
 */
function operationRulesPlugin(
  schema: GraphQLSchema,
  trusted: TrustedDocuments,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let release: () => void = () => undefined;
      return {
        async didResolveOperation({ document, source, request, operation, contextValue }) {
          if (operation === undefined) return;
          if (contextValue.principal?.trustedDocumentsOnly === true && !trusted.trusts(source))
            throw untrustedDocument();
          const checked = checkOperation(schema, document, operation, request.variables);
          if ('error' in checked) throw checked.error;
          release = await chargeOperation(contextValue, checked.cost);
        },
        async willSendResponse({ contextValue, response }) {
          release();
          if (response.body.kind === 'single')
            await refundIfRefused(contextValue, response.body.singleResult);
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

/** Answers kept for callers without a key (introspection: the same for all of them). */
const ANONYMOUS_ANSWERS = 16;

/**
 * Introspection, all a caller without a key may run, depends on the schema alone: each
 * distinct request's answer is computed once and then served from memory (it is still
 * charged to the caller's address). Bounded: the 16 most recent requests.
 */
function anonymousAnswersPlugin(): ApolloServerPlugin<GatewayContext> {
  const answers = new Map<string, FormattedExecutionResult>();
  const keyOf = (source: string, operationName: unknown, variables: unknown) =>
    createHash('sha256')
      .update(JSON.stringify([source, operationName ?? null, variables ?? {}]))
      .digest('base64url');
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.principal !== null) return;
      return {
        async responseForOperation({ source, request }) {
          const answer = answers.get(keyOf(source, request.operationName, request.variables));
          return answer === undefined
            ? null
            : {
                http: { status: 200, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: answer },
              };
        },
        async willSendResponse({ source, request, response, errors }) {
          if (source === undefined || errors !== undefined || response.body.kind !== 'single')
            return;
          const key = keyOf(source, request.operationName, request.variables);
          answers.delete(key);
          answers.set(key, response.body.singleResult);
          while (answers.size > ANONYMOUS_ANSWERS) answers.delete(answers.keys().next().value!);
        },
      };
    },
  };
}

/** GraphQL over HTTP, with the request rules the WebSocket path shares. */
export function createApollo(options: {
  trusted: TrustedDocuments;
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
    // Automatic persisted queries, with the trusted documents' ids known from the start.
    persistedQueries: { cache: options.trusted.apqCache },
    // The process owns shutdown order (Apollo's own handler re-raises the signal).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: options.stackTraces,
    formatError: options.formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requireAuthenticationPlugin,
      operationRulesPlugin(schema, options.trusted),
      anonymousAnswersPlugin(),
      options.telemetryPlugin as ApolloServerPlugin<GatewayContext>,
    ],
  });
}
