import { AppError, ErrorCode } from '../errors/errors';
import { DEFAULT_PAGE_SIZE, EdgeShape, MAX_PAGE_SIZE, PageInfo, checkPageSize, decodeCursor, encodeCursor, toConnection } from './pagination';

interface Position extends Record<string, unknown> {
  name: string;
  id: string;
}
const isPosition = (value: Record<string, unknown>): value is Position => typeof value.name === 'string' && typeof value.id === 'string';

/** Asserts that `run` throws BAD_USER_INPUT about `field`. */
function expectBadInput(run: () => unknown, field: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  expect((thrown as AppError).extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field });
}

describe('cursors', () => {
  it('decode to the position they were encoded from', () => {
    const position = { name: '城关镇新时代文明实践所', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, isPosition)).toEqual(position);
  });

  it.each([
    ['garbage', '%%% not a cursor %%%'],
    ['an empty string', ''],
    ['base64 of text that is not JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON value that is not an object', encodeCursor(42 as unknown as Record<string, unknown>)],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ["another list's cursor", encodeCursor({ createdAt: '2024-01-01', id: 'x' })],
  ])('refuse %s as bad input to `after`', (_, cursor) => {
    expectBadInput(() => decodeCursor(cursor, isPosition), 'after');
  });
});

describe('checkPageSize', () => {
  it('defaults to the default page size', () => {
    expect(checkPageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(checkPageSize(null)).toBe(DEFAULT_PAGE_SIZE);
  });

  it('accepts 1 to the maximum', () => {
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(checkPageSize(50, 50)).toBe(50);
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 2.5, Number.NaN])('refuses %p as bad input to `first`', (first) => {
    expectBadInput(() => checkPageSize(first), 'first');
  });

  it('refuses more than a smaller maximum', () => {
    expectBadInput(() => checkPageSize(51, 50), 'first');
  });
});

describe('toConnection', () => {
  interface Item {
    id: string;
  }
  class ItemConnection {
    edges!: EdgeShape<Item>[];
    pageInfo!: PageInfo;
    countItems!: () => Promise<number>;
  }
  const toEdge = (node: Item): EdgeShape<Item> => ({ cursor: `cursor-${node.id}`, node });
  const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));
  const count = () => Promise.resolve(99);

  it('drops the extra row and reports a next page', async () => {
    const connection = toConnection(ItemConnection, items('a', 'b', 'c'), 2, false, toEdge, count);
    expect(connection).toBeInstanceOf(ItemConnection);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'cursor-a', endCursor: 'cursor-b' });
    await expect(connection.countItems()).resolves.toBe(99);
  });

  it('reports no next page without the extra row', () => {
    const connection = toConnection(ItemConnection, items('a', 'b'), 2, true, toEdge, count);
    expect(connection.edges).toHaveLength(2);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: 'cursor-a', endCursor: 'cursor-b' });
  });

  it('has null cursors on an empty page', () => {
    const connection = toConnection(ItemConnection, [], 20, true, toEdge, count);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
