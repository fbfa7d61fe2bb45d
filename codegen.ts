import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen` builds the project, then loads the served schema from the compiled
 * module (type-graphql needs tsc's decorator metadata), prints it to schema.graphql and
 * generates typed documents for the tests' operations in test/operations/*.graphql.
 */
const config: CodegenConfig = {
  schema: './dist/src/resolvers/served-schema.js',
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, commentDescriptions: false, sort: false },
    },
    'test/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        avoidOptionals: { field: true },
      },
    },
  },
};

export default config;
