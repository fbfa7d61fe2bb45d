import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { projectRoot } from '../../src/infra/system/project-root.js';

const root = projectRoot();
const CONTRACT_PATH = join(root, '..', 'shared', 'contract', 'schema-contract.graphql');
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function normalised(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}

/** Differences between a contract type and the served one, as readable lines. */
function typeMismatches(contract: GraphQLNamedType, served: GraphQLNamedType): string[] {
  const name = contract.name;
  if (contract.constructor !== served.constructor) return [`${name}: kind differs`];
  if (isEnumType(contract) && isEnumType(served)) {
    const values = new Set(served.getValues().map((v) => v.name));
    return contract
      .getValues()
      .filter((v) => !values.has(v.name))
      .map((v) => `${name}.${v.name}: enum value missing`);
  }
  if (isObjectType(contract) || isInterfaceType(contract) || isInputObjectType(contract)) {
    const servedFields = (served as typeof contract).getFields() as Record<string, any>;
    const problems: string[] = [];
    for (const field of Object.values(contract.getFields()) as any[]) {
      const mine = servedFields[field.name];
      if (mine === undefined) {
        // Root types grow with later issues; any other served type must be complete.
        if (!ROOT_TYPES.has(name)) problems.push(`${name}.${field.name}: missing`);
        continue;
      }
      if (String(mine.type) !== String(field.type)) {
        problems.push(
          `${name}.${field.name}: ${String(mine.type)} instead of ${String(field.type)}`,
        );
      }
      for (const arg of field.args ?? []) {
        const servedArg = mine.args.find((a: any) => a.name === arg.name);
        if (servedArg === undefined) problems.push(`${name}.${field.name}(${arg.name}): missing`);
        else if (String(servedArg.type) !== String(arg.type)) {
          problems.push(
            `${name}.${field.name}(${arg.name}): ${String(servedArg.type)} instead of ${String(arg.type)}`,
          );
        }
      }
    }
    if (isObjectType(contract) && isObjectType(served)) {
      const interfaces = new Set(served.getInterfaces().map((i) => i.name));
      for (const i of contract.getInterfaces()) {
        if (!interfaces.has(i.name)) problems.push(`${name}: does not implement ${i.name}`);
      }
    }
    return problems;
  }
  return [];
}

describe('served schema', () => {
  let served: GraphQLSchema;
  beforeAll(async () => {
    served = await buildGatewaySchema();
  });

  it('matches the committed schema.graphql (run `npm run codegen` after schema changes)', () => {
    const committed = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
    expect(normalised(served)).toBe(normalised(committed));
  });

  it('gives every contract name it serves the contract type', () => {
    const contract = buildSchema(readFileSync(CONTRACT_PATH, 'utf8'));
    const problems: string[] = [];
    let servedTypes = 0;
    for (const type of Object.values(contract.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const mine = served.getType(type.name);
      if (mine === undefined || mine === null) continue;
      servedTypes += 1;
      problems.push(...typeMismatches(type, mine));
    }
    expect(problems).toEqual([]);
    // The foundation serves at least these; later issues serve the rest.
    for (const name of [
      'Viewer',
      'Health',
      'DependencyHealth',
      'ApiKey',
      'Node',
      'UserError',
      'DateTime',
    ]) {
      expect(served.getType(name), name).toBeTruthy();
    }
    expect(servedTypes).toBeGreaterThanOrEqual(14);
  });

  it('catches a contract mismatch (the check can fail)', () => {
    const contract = buildSchema(
      'type Viewer { isAdmin: Boolean, keyName: Int!, gone: String } enum HealthStatus { OK MAYBE }',
    );
    const problems = [
      ...typeMismatches(contract.getType('Viewer')!, served.getType('Viewer')!),
      ...typeMismatches(contract.getType('HealthStatus')!, served.getType('HealthStatus')!),
    ];
    expect(problems).toEqual([
      'Viewer.isAdmin: Boolean! instead of Boolean',
      'Viewer.keyName: String! instead of Int!',
      'Viewer.gone: missing',
      'HealthStatus.MAYBE: enum value missing',
    ]);
  });
});
