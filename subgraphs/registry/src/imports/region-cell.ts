import { allRegions, badInput, regionPath, type CellKind, type Region } from '@sme/kernel';

/**
 * A spreadsheet's 所在地区 cell: the six-digit code (140105), the code followed by its name (140105 小店区), or
 * the name alone as provinces' tables write it (小店区, 太原市小店区, 山西省太原市小店区). A name that several
 * regions share (城区, 郊区) is refused with their codes, never guessed. What the code may be (a known city or
 * county, not a province) is the registration's own check.
 */

/** Each region under its own name and every full name down to it (太原市小店区, 山西省太原市小店区). */
function namesOf(region: Region): string[] {
  const path = regionPath(region.code).map((r) => r.name);
  return path.map((_, start) => path.slice(start).join(''));
}

let byName: Map<string, Region[]> | undefined;

function regionsNamed(name: string): Region[] {
  if (!byName) {
    byName = new Map();
    for (const region of allRegions()) {
      for (const n of namesOf(region)) byName.set(n, [...(byName.get(n) ?? []), region]);
    }
  }
  return byName.get(name) ?? [];
}

export const regionCell: CellKind = {
  numFmt: '@',
  parse(cell) {
    const text = (cell instanceof Date ? '' : String(cell)).replace(/\s+/g, '');
    const code = /^(\d{6})(\D.*)?$/.exec(text);
    if (code) return code[1];
    const named = regionsNamed(text);
    if (named.length === 1) return named[0].code;
    if (named.length > 1) {
      const candidates = named.map((r) => `${r.code} ${regionPath(r.code).map((p) => p.name).join('')}`);
      throw badInput(
        { zh: `地区名称「${text}」不唯一，请填写六位代码（${candidates.join('；')}）`, en: `The region name 「${text}」 is ambiguous: give the six-digit code (${candidates.join('; ')})` },
        { reason: 'AMBIGUOUS_REGION', value: text, candidates: named.map((r) => r.code) },
      );
    }
    throw badInput({ zh: `未知的地区：${text}（请填写六位行政区划代码）`, en: `Unknown region: ${text} (give the six-digit region code)` }, { reason: 'UNKNOWN_REGION', value: text });
  },
};
