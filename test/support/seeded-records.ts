import type { GraphQLResult } from '@sme/testing';
import type { Arguments } from './schema-walk';

/** The ids, codes and years of the records a supergraph holds, read with a token that sees everything. */
export interface SeededRecords {
  institutions: { id: string; creditCode: string; province: string }[];
  libraryApplications: Record<'shanxi' | 'hebei', { id: string; unitCode: string; cityRecommendedOn: string | null }[]>;
  libraryMembers: Record<'shanxi' | 'hebei', string[]>;
  platformApplications: Record<'shandong' | 'ningxia', string[]>;
  platforms: Record<'shandong' | 'ningxia', { id: string; designatedOn: string; summaryYears: number[] }[]>;
  provincialReviews: string[];
  provincialPlatforms: string[];
  taiyuanApplications: string[];
  taiyuanYears: number[];
  taiyuanRecommendations: string[];
}

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);

export async function readSeededRecords(send: (document: string) => Promise<GraphQLResult>): Promise<SeededRecords> {
  const lists: Record<string, string> = {
    institutions: 'id creditCode region { provinceCode }',
    shanxiLibraryApplications: 'id unitCode cityRecommendedOn',
    hebeiLibraryApplications: 'id unitCode cityRecommendedOn',
    shanxiLibraryMembers: 'id',
    hebeiLibraryMembers: 'id',
    shandongPlatformApplications: 'id',
    ningxiaPlatformApplications: 'id',
    shandongPlatforms: 'id designatedOn summaries { year }',
    ningxiaPlatforms: 'id designatedOn summaries { year }',
    shanxiProvincialPlatformReviews: 'id',
    shanxiProvincialPlatforms: 'id',
    taiyuanApplications: 'id',
  };
  const d: Record<string, any> = {};
  // one list an operation: the gateway's cost counts a page of 100 a hundred times
  for (const [list, fields] of Object.entries(lists)) {
    const r = await send(`{ ${list}(first: 100) { edges { node { ${fields} } } } }`);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    Object.assign(d, r.data);
  }
  const campaigns = await send('{ taiyuanCampaigns { year } }');
  if (campaigns.errors) throw new Error(JSON.stringify(campaigns.errors));
  Object.assign(d, campaigns.data);
  const platforms = (c: any) => c.edges.map((e: any) => ({ id: e.node.id, designatedOn: e.node.designatedOn, summaryYears: e.node.summaries.map((s: any) => s.year) }));
  const taiyuanYears: number[] = d.taiyuanCampaigns.map((c: { year: number }) => c.year);
  const recommendations: string[] = [];
  for (const year of taiyuanYears) {
    const y = await send(`{ taiyuanProvincialRecommendations(year: ${year}) { id } }`);
    if (y.errors) throw new Error(JSON.stringify(y.errors));
    recommendations.push(...y.data.taiyuanProvincialRecommendations.map((x: { id: string }) => x.id));
  }
  return {
    institutions: d.institutions.edges.map((e: any) => ({ id: e.node.id, creditCode: e.node.creditCode, province: e.node.region.provinceCode })),
    libraryApplications: { shanxi: d.shanxiLibraryApplications.edges.map((e: any) => e.node), hebei: d.hebeiLibraryApplications.edges.map((e: any) => e.node) },
    libraryMembers: { shanxi: ids(d.shanxiLibraryMembers), hebei: ids(d.hebeiLibraryMembers) },
    platformApplications: { shandong: ids(d.shandongPlatformApplications), ningxia: ids(d.ningxiaPlatformApplications) },
    platforms: { shandong: platforms(d.shandongPlatforms), ningxia: platforms(d.ningxiaPlatforms) },
    provincialReviews: ids(d.shanxiProvincialPlatformReviews),
    provincialPlatforms: ids(d.shanxiProvincialPlatforms),
    taiyuanApplications: ids(d.taiyuanApplications),
    taiyuanYears,
    taiyuanRecommendations: recommendations,
  };
}

/** The province whose records a root field reads (null for reference data read the same everywhere). */
export function provinceOfRoot(field: string): string | null {
  if (/^(shanxi|taiyuan)/.test(field)) return '140000';
  if (field.startsWith('hebei')) return '130000';
  if (field.startsWith('shandong')) return '370000';
  if (field.startsWith('ningxia')) return '640000';
  return null;
}

const latest = (years: number[], n: number) => [...new Set(years)].sort().slice(-n);

/**
 * The argument sets each root field is called with: every seeded id it takes, each year a record has, a
 * paginated list's first two, each province's institutions. `accept` keeps the records of the provinces walked.
 */
export function rootArguments(seed: SeededRecords, accept: (province: string) => boolean): Record<string, Arguments[]> {
  const institutions = seed.institutions.filter((i) => accept(i.province));
  const provinces = [...new Set(institutions.map((i) => i.province))].sort();
  const byId = (list: string[]) => list.map((id) => ({ id }));
  const firstTwo = [{ first: 2 }];
  const library = (name: 'shanxi' | 'hebei') => {
    const recommended = seed.libraryApplications[name].filter((a) => a.cityRecommendedOn);
    const summaries = [...new Map(recommended.map((a) => [`${a.unitCode}:${a.cityRecommendedOn!.slice(0, 4)}`, { unitCode: a.unitCode, year: Number(a.cityRecommendedOn!.slice(0, 4)) }])).values()];
    return {
      [`${name}LibraryApplication`]: byId(seed.libraryApplications[name].map((a) => a.id)),
      [`${name}LibraryApplications`]: firstTwo,
      [`${name}LibraryPublicNotices`]: [{}],
      [`${name}LibraryRecommendationSummary`]: summaries,
      [`${name}LibraryMember`]: byId(seed.libraryMembers[name]),
      [`${name}LibraryMembers`]: firstTwo,
      [`${name}LibraryStatistics`]: [{}],
      [`${name}LibraryOfferings`]: firstTwo,
    };
  };
  const programme = (name: 'shandong' | 'ningxia') => {
    const platforms = seed.platforms[name];
    const years = latest(platforms.flatMap((p) => p.summaryYears), 2).map((year) => ({ year }));
    return {
      [`${name}PlatformApplication`]: byId(seed.platformApplications[name]),
      [`${name}PlatformApplications`]: firstTwo,
      [`${name}PlatformPublicNotices`]: [{}],
      [`${name}Platform`]: byId(platforms.map((p) => p.id)),
      [`${name}Platforms`]: firstTwo,
      [`${name}PlatformStatistics`]: [{}],
      [`${name}PlatformSummaryDuties`]: years,
      ...(name === 'ningxia' ? { ningxiaCityPlatformReportDuties: years } : {}),
      [`${name}PlatformRuleSets`]: [{}],
      // the rule set in force on a day a platform was designated (Shandong's has not applied since 2023-10-06)
      [`${name}PlatformRuleSetInForce`]: platforms.slice(0, 1).map((p) => ({ on: p.designatedOn })),
    };
  };
  const all: Record<string, Arguments[]> = {
    institution: [...byId(institutions.map((i) => i.id)), ...institutions.slice(0, 2).map((i) => ({ creditCode: i.creditCode }))],
    institutions: provinces.map((regionCode) => ({ first: 2, filter: { regionCode } })),
    region: ['140105', '140171', '130682'].map((code) => ({ code })),
    regions: [{ parentCode: '140100' }],
    ...library('shanxi'),
    ...library('hebei'),
    hebeiServiceAppointments: firstTwo,
    ...programme('shandong'),
    ...programme('ningxia'),
    shanxiProvincialPlatformReview: byId(seed.provincialReviews),
    shanxiProvincialPlatformReviews: firstTwo,
    shanxiProvincialPlatformNotices: [{}],
    shanxiProvincialPlatform: byId(seed.provincialPlatforms),
    shanxiProvincialPlatforms: firstTwo,
    taiyuanCampaigns: [{}],
    taiyuanCampaign: seed.taiyuanYears.map((year) => ({ year })),
    taiyuanApplication: byId(seed.taiyuanApplications),
    taiyuanApplications: firstTwo,
    taiyuanProvincialRecommendations: seed.taiyuanYears.map((year) => ({ year })),
    taiyuanSummaryTable: seed.taiyuanYears.map((year) => ({ year })),
  };
  return Object.fromEntries(Object.entries(all).filter(([field]) => {
    const province = provinceOfRoot(field);
    return province === null || accept(province);
  }));
}
