import type { GraphQLSchema } from 'graphql';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { createApplication } from '../src/applications/application.service';
import { ADMIN, openLibrary, passingFigures, type LibraryFixture } from './support/library-fixture';
import { execute, librarySchema } from './support/library-graphql';

/** SPEC §3 Members: the public list with its filters and cursors, and the dashboard statistics. */
let lib: LibraryFixture;
let schema: GraphQLSchema;
const ids: Record<string, string> = {};

beforeAll(async () => {
  lib = await openLibrary();
  schema = await librarySchema(lib);
  // 5 members in Taiyuan (小店区), 2 in Datong (云冈区), 1 in 综改区 (a unit acting as a city); one more application in progress
  const places = ['140105', '140105', '140105', '140105', '140105', '140214', '140214', '140171'];
  for (const [i, regionCode] of places.entries()) {
    const institution = await lib.knowInstitution({ regionCode, name: `成员${i}` });
    ids[`m${i}`] = (await lib.admit(institution, '2024-03-07')).id;
  }
  const pending = await lib.knowInstitution({ regionCode: '140105' });
  await createApplication(lib.em(), lib.config, ADMIN, { institutionId: pending, categories: [LibraryCategory.FINANCING], nature: ServiceNature.COMMERCIAL, declared: passingFigures(2023) }, '2024-03-07');
});
afterAll(() => lib?.close());

const LIST = `query($filter: LibraryMemberFilter, $first: Int, $after: String) {
  libraryLibraryMembers(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id unitCode categories } } }
}`;

it('lists members by city (a city-acting unit is its own city), a page at a time without gaps or repeats', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: any = await execute(lib, schema, null, LIST, { filter: { cityCode: '140100' }, first: 2, after });
    expect(page.errors).toBeUndefined();
    expect(page.data.libraryLibraryMembers.totalCount).toBe(5);
    seen.push(...page.data.libraryLibraryMembers.edges.map((e: any) => e.node.id));
    after = page.data.libraryLibraryMembers.pageInfo.hasNextPage ? page.data.libraryLibraryMembers.pageInfo.endCursor : null;
  } while (after);
  expect(seen.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'].map((k) => ids[k]).sort());
  const zone = await execute(lib, schema, null, LIST, { filter: { cityCode: '140171' } });
  expect(zone.data!.libraryLibraryMembers.edges.map((e: any) => e.node.id)).toEqual([ids.m7]);
  const county = await execute(lib, schema, null, LIST, { filter: { cityCode: '140105' } });
  expect(county.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_REGION' });
});

it('filters by category (the fixture admits with the first category), nature and status', async () => {
  const byCategory = await execute(lib, schema, null, LIST, { filter: { category: lib.config.categories[0] }, first: 100 });
  expect(byCategory.data!.libraryLibraryMembers.totalCount).toBe(8);
  const none = await execute(lib, schema, null, LIST, { filter: { category: 'FINANCING' } });
  expect(none.data!.libraryLibraryMembers.totalCount).toBe(0);
  const removed = await execute(lib, schema, null, LIST, { filter: { status: 'REMOVED' } });
  expect(removed.data!.libraryLibraryMembers.totalCount).toBe(0);
});

it('counts members and applications for dashboards, one grouped statement each', async () => {
  const result = await execute(lib, schema, null, `{ libraryLibraryStatistics { currentMembers membersByStatus { key count } membersByCity { key label count } membersByYear { key count } applicationsByStatus { key count } } }`);
  expect(result.data!.libraryLibraryStatistics).toEqual({
    currentMembers: 8,
    membersByStatus: [{ key: 'ACTIVE', count: 8 }],
    membersByCity: [{ key: '140100', label: '太原市', count: 5 }, { key: '140171', label: '山西转型综合改革示范区', count: 1 }, { key: '140200', label: '大同市', count: 2 }],
    membersByYear: [{ key: '2024', count: 8 }],
    applicationsByStatus: [{ key: 'ADMITTED', count: 8 }, { key: 'DRAFT', count: 1 }],
  });
  expect(result.statements).toBe(6);
});
