import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { projectRoot } from '../../src/infra/system/project-root.js';

export const CONTRACT_PATH = join(
  projectRoot(),
  '..',
  'shared',
  'contract',
  'schema-contract.graphql',
);

export function loadContract(): GraphQLSchema {
  return buildSchema(readFileSync(CONTRACT_PATH, 'utf8'));
}

/** Differences between a contract type and the served one, as readable lines. */
export function typeMismatches(contract: GraphQLNamedType, served: GraphQLNamedType): string[] {
  const name = contract.name;
  const kind = (type: GraphQLNamedType) => type.constructor.name;
  if (kind(contract) !== kind(served))
    return [`${name}: ${kind(served)} instead of ${kind(contract)}`];
  if (isEnumType(contract) && isEnumType(served)) {
    const values = new Set(served.getValues().map((v) => v.name));
    return contract
      .getValues()
      .filter((v) => !values.has(v.name))
      .map((v) => `${name}.${v.name}: enum value missing`);
  }
  if (!(isObjectType(contract) || isInterfaceType(contract) || isInputObjectType(contract)))
    return [];
  const servedFields = (served as typeof contract).getFields() as Record<string, any>;
  const problems: string[] = [];
  for (const field of Object.values(contract.getFields()) as any[]) {
    const mine = servedFields[field.name];
    if (mine === undefined) {
      problems.push(`${name}.${field.name}: missing`);
      continue;
    }
    if (String(mine.type) !== String(field.type)) {
      problems.push(`${name}.${field.name}: ${String(mine.type)} instead of ${String(field.type)}`);
    }
    for (const arg of field.args ?? []) {
      const servedArg = mine.args.find((a: any) => a.name === arg.name);
      // An argument the contract requires may be optional here: every contract call still fits.
      const loosened =
        isNonNullType(arg.type) && String(servedArg?.type) === String(arg.type.ofType);
      if (servedArg === undefined) problems.push(`${name}.${field.name}(${arg.name}): missing`);
      else if (String(servedArg.type) !== String(arg.type) && !loosened) {
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

/** Every type, field, argument and enum value of the contract, with the contract's type. */
export function contractMismatches(served: GraphQLSchema, contract = loadContract()): string[] {
  return Object.values(contract.getTypeMap())
    .filter((type) => !type.name.startsWith('__'))
    .flatMap((type) => {
      const mine = served.getType(type.name);
      return mine ? typeMismatches(type, mine) : [`${type.name}: missing`];
    });
}
