import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The mock provider and the embedded engine: development stand-ins, never production's. */
const DEVELOPMENT_TOOLS = [
  {
    group: ['**/mock-external-api/**', '**/dev/**', './dev/*'],
    message:
      'Production code (src/main.ts, src/runtime, src/server) never starts the mock provider or the embedded engine: src/demo.ts does.',
  },
];

/**
 * A capability that has an index.ts is one module: outside its folder only the index is
 * imported (tests may look behind it). A later config's no-restricted-imports replaces an
 * earlier one's, so every block below that restricts imports includes these patterns.
 */
const MODULE_FACES = [
  {
    group: ['**/domain/classification/*', '../classification/*', '!**/classification/index.js'],
    message: 'Import classification from its index (src/domain/classification/index.ts).',
  },
];

/** What the schema and the transport may not import: adapters, the runtime, drivers. */
const TRANSPORT_PATTERNS = [
  ...MODULE_FACES,
  ...DEVELOPMENT_TOOLS,
  {
    group: ['**/infra/**', '**/runtime/**', 'mongoose', 'mongodb', '@typegoose/*', 'ky'],
    message:
      'src/schema and src/server import no adapter and no runtime: the runtime composes them.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.cache/',
      'test/generated/',
      'examples/typed-client/src/gql/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    // Tests may look behind a module's face.
    ignores: ['src/domain/classification/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: MODULE_FACES }] },
  },
  {
    // The domain depends on nothing outside src/domain: it declares ports, src/infra adapts them.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...MODULE_FACES,
            {
              group: [
                '**/infra/**',
                '**/schema/**',
                '**/resolvers/**',
                '**/runtime/**',
                '**/server/**',
                '**/mock-external-api/**',
              ],
              message:
                'src/domain imports only src/domain: declare a port here and adapt it in src/infra.',
            },
            {
              group: [
                'mongoose',
                'mongodb',
                '@typegoose/*',
                'ky',
                'express',
                '@apollo/*',
                '@as-integrations/*',
                'graphql',
                'graphql-ws',
                'type-graphql',
                'ws',
                'prom-client',
                'pino',
              ],
              message:
                'src/domain is free of databases, HTTP and GraphQL: those belong to src/infra and src/schema.',
            },
          ],
        },
      ],
    },
  },
  {
    // Resolvers authorise, call one service and map: never an adapter or a model.
    files: ['src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...MODULE_FACES,
            {
              group: ['**/infra/**', '**/runtime/**', 'mongoose', 'mongodb', '@typegoose/*', 'ky'],
              message:
                'Resolvers reach storage and the provider only through the services in the context.',
            },
          ],
        },
      ],
    },
  },
  {
    // The transport and the schema reach storage, the provider and the process only
    // through the services the runtime hands them (driver errors are told apart by the
    // adapters: DependencyWatch.isOutage).
    files: ['src/server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: TRANSPORT_PATTERNS }] },
  },
  {
    // The schema's building blocks sit below the resolvers, which use them.
    files: ['src/schema/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...TRANSPORT_PATTERNS,
            {
              group: ['**/resolvers/**'],
              message:
                'src/schema imports no resolver (they import it): src/resolvers/gateway-schema.ts builds the served schema.',
            },
          ],
        },
      ],
    },
  },
  {
    // Production code never starts the development stand-ins (src/demo.ts, npm start's
    // entry, does).
    files: ['src/main.ts', 'src/runtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...MODULE_FACES, ...DEVELOPMENT_TOOLS] }],
    },
  },
  {
    // Tests read untyped JSON answers of servers.
    files: ['test/**/*.ts', '**/test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'web.vite.config.ts', '**/codegen.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
