import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

/**
 * Relay-style cursor connections (SPEC §6: lists are connections). Cursors are opaque to clients; inside,
 * they carry the sort key of the last row so a page is a keyset query, not an OFFSET scan.
 */

// Every subgraph that lists things returns it: the same value type in each (Federation 2 `@shareable`).
@Directive('@shareable')
@ObjectType({ description: '分页信息 / Page information' })
export class PageInfo {
  @Field({ description: '是否还有下一页 / Whether more items follow' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: '本页最后一项的游标 / Cursor of the last item on this page' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` types for a node type (shareable: two subgraphs on one engine both serve them). */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string) {
  @Directive('@shareable')
  @ObjectType(`${name}Edge`, { description: `${description}（边）/ edge` })
  class EdgeType {
    @Field({ description: '游标 / Cursor' })
    cursor: string;

    @Field(() => node, { description: '节点 / Node' })
    node: T;
  }

  @Directive('@shareable')
  @ObjectType(`${name}Connection`, { description: `${description}（分页列表）/ paginated list` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: '本页各项 / Items on this page' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: '分页信息 / Page information' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: '符合条件的总数 / Total matching items' })
    totalCount: number;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(
      { zh: `first 应为 1 到 ${MAX_PAGE_SIZE} 之间的整数`, en: `first must be an integer from 1 to ${MAX_PAGE_SIZE}` },
      { reason: 'PAGE_SIZE', value: first },
    );
  }
  return first;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the refusal below
  }
  throw badInput({ zh: '分页游标无效', en: 'Invalid pagination cursor' }, { reason: 'INVALID_CURSOR' });
}

/** Turns `size + 1` fetched rows into a page: the extra row only says that another page exists. */
export function toConnection<T>(rows: T[], size: number, totalCount: number, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
