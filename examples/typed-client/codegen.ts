import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The typed client kit: GraphQL Code Generator's client preset over the gateway's published
 * schema (schema.graphql at the repository's root) and the operations written in src/.
 * Emits typed documents into src/gql/ and, with persistedDocuments, the manifest of
 * those operations by hash (src/gql/persisted-documents.json).
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  // Imports with `.js`, as Node's ES modules want them.
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { persistedDocuments: true, fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
