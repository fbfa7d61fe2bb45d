import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page, PageInfo, PageSlice } from '../../domain/pagination/page.js';

@ObjectType('PageInfo')
export class PageInfoType implements PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Relay connection types for one node type (`<Name>Edge`, `<Name>Connection`). `totalCount`
 * is a resolver, so the count query runs only when a client selects it; it costs
 * `totalCountCost` points (a count over a tenant's tickets weighs more than one over a
 * ticket's history, which the loaders batch).
 */
export function connectionTypes<T extends object>(
  name: string,
  nodeType: ClassType<T>,
  totalCountCost = 1,
) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: 'Opaque; pass it as after/before.' }) cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [nodeType], {
      description: 'The nodes of edges, for clients that need no cursors.',
    })
    nodes!: T[];
    @Field(() => PageInfoType) pageInfo!: PageInfoType;
    count!: () => Promise<number>;

    @Field(() => Int, {
      description: 'All items matching the arguments, on every page.',
      complexity: totalCountCost,
    })
    totalCount(): Promise<number> {
      return this.count();
    }

    static from<R>(
      page: PageSlice<R>,
      toNode: (record: R) => T,
      count: () => Promise<number>,
    ): Connection {
      const edges = page.items.map((item) => ({ cursor: item.cursor, node: toNode(item.node) }));
      return Object.assign(new Connection(), {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: page.pageInfo,
        count,
      });
    }

    static ofPage<R>(page: Page<R>, toNode: (record: R) => T): Connection {
      return Connection.from(page, toNode, page.totalCount);
    }
  }

  return { Edge, Connection };
}
