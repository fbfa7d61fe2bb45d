import { getOperationAST, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_TABS } from '../web/graphiql/examples.js';
import { buildGatewaySchema } from '../resolvers/gateway-schema.js';
import { checkOperation } from './request-rules.js';

let schema: Awaited<ReturnType<typeof buildGatewaySchema>>;
beforeAll(async () => {
  schema = await buildGatewaySchema();
});

function costOf(query: string, variables: Record<string, unknown> = {}, name?: string): number {
  const document = parse(query);
  const operation = getOperationAST(document, name)!;
  const checked = checkOperation(schema, document, operation, variables);
  if ('error' in checked) throw checked.error;
  return checked.cost;
}

describe('query cost', () => {
  it('charges a list its totalCount once, whatever the page size', () => {
    for (const first of [1, 10, 50, 100])
      expect(costOf(`{ tickets(first: ${first}) { totalCount nodes { id } } }`)).toBe(
        1 + 20 + first,
      );
    expect(
      costOf(
        '{ tickets(first: 50) { totalCount pageInfo { hasNextPage } edges { node { id } } } }',
      ),
    ).toBe(1 + 20 + 1 + 50 * 2);
  });

  it('reads totalCount through fragments, and not where @skip or @include leave it out', () => {
    const spread = `query { tickets(first: 100) { ...Count nodes { id } } } fragment Count on TicketConnection { totalCount }`;
    expect(costOf(spread)).toBe(1 + 20 + 100);
    const skipped = `query($skip: Boolean!) { tickets(first: 100) { totalCount @skip(if: $skip) nodes { id } } }`;
    expect(costOf(skipped, { skip: true })).toBe(1 + 100);
    expect(costOf(skipped, { skip: false })).toBe(1 + 20 + 100);
    const inline = `{ tickets(first: 100) { ... on TicketConnection @include(if: false) { totalCount } nodes { id } } }`;
    expect(costOf(inline)).toBe(1 + 100);
  });

  it('still multiplies nested lists by their page sizes', () => {
    expect(
      costOf('{ tickets(first: 10) { nodes { history(first: 5) { totalCount nodes { at } } } } }'),
    ).toBe(1 + 10 * (1 + 1 + 1 + 5));
  });

  it('states every GraphiQL example tab cost in its comment, as charged', () => {
    for (const tab of EXAMPLE_TABS) {
      const comments = tab.query
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .join(' ');
      const stated = /Costs? (.+)$/.exec(comments);
      expect(stated, tab.query).not.toBeNull();
      const variables = JSON.parse(tab.variables ?? '{}') as Record<string, unknown>;
      const claims = [...stated![1]!.matchAll(/(\w+) (\d+) points?/g)];
      const operations = parse(tab.query).definitions.flatMap((d) =>
        d.kind === 'OperationDefinition' ? [d.name!.value] : [],
      );
      expect(claims.map(([, name]) => name).sort()).toEqual([...operations].sort());
      for (const [, name, points] of claims)
        expect(costOf(tab.query, variables, name), name).toBe(Number(points));
    }
  });
});
