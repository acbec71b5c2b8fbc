import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors/errors';

export const DEFAULT_PAGE_SIZE = 20;
/** The largest `first` any list accepts; exports page through with `after`. */
export const MAX_PAGE_SIZE = 500;

/** Every subgraph's connections use it, so it is shared in the supergraph. */
@ObjectType({ description: 'Where a page of a cursor connection stands' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether more items follow the last one of this page' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether this page was asked for after a cursor' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor!: string | null;
}

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; anything else is the caller's bad input. */
export function decodeCursor<T extends Record<string, unknown>>(cursor: string, isValid: (value: Record<string, unknown>) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'The cursor is not one this list returned', 'INVALID_CURSOR');
  }
  if (typeof value !== 'object' || value === null || !isValid(value as Record<string, unknown>)) {
    throw badInput('after', 'The cursor is not one this list returned', 'INVALID_CURSOR');
  }
  return value as T;
}

export function checkPageSize(first: number | undefined | null, max = MAX_PAGE_SIZE): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput('first', `first must be between 1 and ${max}`, 'PAGE_SIZE_OUT_OF_RANGE');
  }
  return size;
}

export interface EdgeShape<TNode> {
  cursor: string;
  node: TNode;
}

/** Base of an edge type: `class SiteEdge extends EdgeType(Site) {}`. */
export function EdgeType<TNode extends object>(Node: ClassType<TNode>) {
  @ObjectType()
  abstract class Edge implements EdgeShape<TNode> {
    @Field({ description: 'Pass as `after` to continue after this item' })
    cursor!: string;

    @Field(() => Node)
    node!: TNode;
  }
  return Edge;
}

/**
 * Base of a connection type: `class SiteConnection extends ConnectionType(SiteEdge) {}`.
 * `totalCount` runs its query only when a client asks for it.
 */
export function ConnectionType<TEdge extends object>(Edge: ClassType<TEdge>) {
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: TEdge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    countItems!: () => Promise<number>;

    @Field(() => Int, { description: 'Items matching the filter across all pages' })
    totalCount(): Promise<number> {
      return this.countItems();
    }
  }
  return Connection;
}

/**
 * Builds a connection from `first + 1` fetched rows: the extra row only tells that a next page
 * exists, so no second query is needed for `hasNextPage`.
 */
export function toConnection<
  TNode,
  TEdge extends EdgeShape<TNode>,
  TConnection extends { edges: TEdge[]; pageInfo: PageInfo; countItems: () => Promise<number> },
>(
  ConnectionClass: new () => TConnection,
  rows: TNode[],
  first: number,
  hasPrevious: boolean,
  toEdge: (node: TNode) => TEdge,
  countItems: () => Promise<number>,
): TConnection {
  const page = rows.slice(0, first);
  const edges = page.map(toEdge);
  const connection = new ConnectionClass();
  connection.edges = edges;
  connection.pageInfo = {
    hasNextPage: rows.length > first,
    hasPreviousPage: hasPrevious,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  connection.countItems = countItems;
  return connection;
}
