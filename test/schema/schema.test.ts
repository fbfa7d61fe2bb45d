import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { contractMismatches, typeMismatches } from '../support/contract.js';
import { EXAMPLE_TABS } from '../../src/web/graphiql/examples.js';

function normalised(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}

describe('served schema', () => {
  let served: GraphQLSchema;
  beforeAll(async () => {
    served = await buildGatewaySchema();
  });

  it('matches the committed schema.graphql (run `npm run codegen` after schema changes)', () => {
    const committed = buildSchema(readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8'));
    expect(normalised(served)).toBe(normalised(committed));
  });

  it('serves the whole contract with the contract types', () => {
    expect(contractMismatches(served)).toEqual([]);
  });

  it("holds GraphiQL's example tabs: each is valid and opens with a comment saying what it shows", () => {
    expect(EXAMPLE_TABS).toHaveLength(4);
    for (const tab of EXAMPLE_TABS) {
      expect(tab.query).toMatch(/^# \S/);
      expect(validate(served, parse(tab.query)).map((error) => error.message)).toEqual([]);
    }
  });

  it('catches a contract mismatch (the check can fail)', () => {
    const contract = buildSchema(
      'type Viewer { isAdmin: Boolean, keyName: Int!, gone: String } enum HealthStatus { OK MAYBE } type Query { viewer: Viewer! }',
    );
    expect(contractMismatches(served, contract)).toEqual([
      'Viewer.isAdmin: Boolean! instead of Boolean',
      'Viewer.keyName: String! instead of Int!',
      'Viewer.gone: missing',
      'HealthStatus.MAYBE: enum value missing',
    ]);
    expect(typeMismatches(contract.getType('Viewer')!, served.getType('Health')!)).toContain(
      'Viewer.keyName: missing',
    );
  });
});

/** Root fields (queries, mutations, subscriptions) that carry no @Authorized. */
function unguardedRootFields(): string[] {
  const storage = getMetadataStorage();
  const guarded = new Set(
    storage.authorizedFields.map((field) => `${field.target.name}.${field.fieldName}`),
  );
  return [...storage.queries, ...storage.mutations, ...storage.subscriptions]
    .filter((field) => !guarded.has(`${field.target.name}.${field.methodName}`))
    .map((field) => field.schemaName);
}

describe('authorisation', () => {
  it('is declared with @Authorized on every query, mutation and subscription', async () => {
    await buildGatewaySchema();
    expect(getMetadataStorage().subscriptions.length).toBeGreaterThan(0);
    expect(unguardedRootFields()).toEqual([]);
  });
});
