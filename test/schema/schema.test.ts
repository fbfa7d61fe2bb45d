import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/resolvers/gateway-schema.js';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { contractMismatches, loadContract, typeMismatches } from '../support/contract.js';
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
    expect(EXAMPLE_TABS).toHaveLength(5);
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

/** Every type, field, argument, input field and enum value without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : [])
          check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isEnumType(type))
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

describe('descriptions', () => {
  it('cover every type, field, argument, input field and enum value of the served schema', async () => {
    expect(undescribed(await buildGatewaySchema())).toEqual([]);
  });

  it('are checked everywhere (the check can fail)', () => {
    const bare = buildSchema(
      '"q" type Query { a(x: Int): E, "b" b: String } enum E { ONE "two" TWO } input I { f: Int }',
    );
    expect(undescribed(bare)).toEqual(['Query.a', 'Query.a(x)', 'E', 'E.ONE', 'I', 'I.f']);
  });
});

/** The contract returns the circuit itself from this one; a payload would rename its type. */
const CONTRACT_BARE_MUTATIONS = ['resetNotificationCircuit'];

describe('mutations', () => {
  it('each return a payload with userErrors: [UserError!]! (the contract fixes one exception)', async () => {
    const mutation = (await buildGatewaySchema()).getMutationType()!;
    const payloads = Object.values(mutation.getFields()).map((field) => {
      const payload = getNamedType(field.type);
      const userErrors = isObjectType(payload) ? payload.getFields().userErrors : undefined;
      return `${field.name}: ${payload.name} ${userErrors ? `userErrors: ${String(userErrors.type)}` : '(no userErrors)'}`;
    });
    expect(payloads.sort()).toEqual([
      'cancelIngestion: CancelIngestionPayload userErrors: [UserError!]!',
      'correctClassification: CorrectClassificationPayload userErrors: [UserError!]!',
      'createApiKey: CreateApiKeyPayload userErrors: [UserError!]!',
      'rebuildTenantStats: RebuildTenantStatsPayload userErrors: [UserError!]!',
      'reclassifyTickets: ReclassifyTicketsPayload userErrors: [UserError!]!',
      'registerTenant: RegisterTenantPayload userErrors: [UserError!]!',
      'requeueNotifications: RequeueNotificationsPayload userErrors: [UserError!]!',
      'resetNotificationCircuit: CircuitBreakerStatus (no userErrors)',
      'revokeApiKey: RevokeApiKeyPayload userErrors: [UserError!]!',
      'startIngestion: StartIngestionPayload userErrors: [UserError!]!',
    ]);
    const contract = loadContract().getMutationType()!.getFields();
    for (const name of CONTRACT_BARE_MUTATIONS)
      expect(String(contract[name]!.type)).toBe('CircuitBreakerStatus!');
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
