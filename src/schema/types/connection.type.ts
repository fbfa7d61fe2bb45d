import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../../domain/pagination/page-args.js';
import type { Page, PageInfo, PageSlice } from '../../domain/pagination/page.js';

@ObjectType('PageInfo', { description: 'Where a page stands in its list, for paging on.' })
export class PageInfoType implements PageInfo {
  @Field(() => Boolean, { description: 'More items follow: pass endCursor as after.' })
  hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Items come before: pass startCursor as before.' })
  hasPreviousPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first item; null on an empty page.',
  })
  startCursor!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last item; null on an empty page.',
  })
  endCursor!: string | null;
}

/** The paging arguments of every connection: forwards with first/after, backwards with last/before. */
@ArgsType()
export class PageArgsType {
  @Field(() => Int, {
    nullable: true,
    description: `How many items from the start (or after \`after\`): 0 to ${MAX_PAGE_SIZE}, 20 when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The endCursor of the page before, to go forwards.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items from the end (or before \`before\`): 0 to ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The startCursor of the page after, to go backwards.',
  })
  before?: string | null;
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
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque; pass it as after/before.' }) cursor!: string;
    @Field(() => nodeType, { description: `The ${name}.` }) node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items: page forwards with first/after, backwards with last/before.`,
  })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items with their cursors, in list order.' })
    edges!: Edge[];
    @Field(() => [nodeType], {
      description: 'The nodes of edges, for clients that need no cursors.',
    })
    nodes!: T[];
    @Field(() => PageInfoType, { description: 'Where this page stands, and its cursors.' })
    pageInfo!: PageInfoType;
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
