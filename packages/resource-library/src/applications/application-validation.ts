import { amount, badInput, count } from '@sme/kernel';
import { LibraryCategory } from '../categories';
import type { LibraryConfig } from '../library-config';
import { Attestations, DECLARED_FIELDS, DeclaredFigures, type AttestationsInput, type DeclaredFiguresInput } from './declared-figures';

/** 第九条: at least one category, each one the province offers (Hebei has no 合规管理类). */
export function checkCategories(config: LibraryConfig, categories: readonly LibraryCategory[]): LibraryCategory[] {
  if (categories.length === 0) {
    throw badInput({ zh: '至少选择一个服务类别（第九条）', en: 'Choose at least one category (Art. 9)' }, { reason: 'NO_CATEGORY', field: 'categories' });
  }
  // more entries than the province has categories is no choice of categories (duplicates would be dropped below)
  if (categories.length > config.categories.length) {
    throw badInput(
      { zh: `服务类别至多 ${config.categories.length} 个（${config.abbreviation} 第九条），实际 ${categories.length} 个`, en: `At most ${config.categories.length} categories (Art. 9), got ${categories.length}` },
      { reason: 'OUT_OF_RANGE', field: 'categories', maximum: config.categories.length },
    );
  }
  const unique = [...new Set(categories)];
  const refused = unique.filter((c) => !config.categories.includes(c));
  if (refused.length) {
    throw badInput(
      { zh: `${config.abbreviation} 第九条未设此服务类别：${refused.join('、')}`, en: `${config.abbreviation} Art. 9 has no such category: ${refused.join(', ')}` },
      { reason: 'CATEGORY_NOT_OFFERED', field: 'categories', value: refused },
    );
  }
  return unique;
}

/** Merges the given figures over the stored ones, each checked: counts whole and ≥ 0, amounts finite and ≥ 0. */
export function mergeDeclared(stored: DeclaredFigures, input: DeclaredFiguresInput | null | undefined, today: string): DeclaredFigures {
  const merged: DeclaredFigures = { ...new DeclaredFigures(), ...stored };
  if (!input) return merged;
  if (input.year !== undefined) {
    if (input.year !== null) count('declared.year', input.year, Number(today.slice(0, 4)), 1990);
    merged.year = input.year;
  }
  for (const [field, kind] of Object.entries(DECLARED_FIELDS) as [keyof typeof DECLARED_FIELDS, string][]) {
    const value = input[field];
    if (value === undefined) continue;
    if (value !== null) (kind === 'count' ? count : amount)(`declared.${field}`, value);
    merged[field] = value;
  }
  if (merged.pointToPointServed != null && merged.smesServed != null && merged.pointToPointServed > merged.smesServed) {
    throw badInput(
      { zh: `点对点服务企业数不能大于服务中小企业数（${merged.pointToPointServed} > ${merged.smesServed}）`, en: `pointToPointServed cannot exceed smesServed (${merged.pointToPointServed} > ${merged.smesServed})` },
      { reason: 'INCONSISTENT', field: 'declared.pointToPointServed' },
    );
  }
  return merged;
}

export function mergeAttestations(stored: Attestations, input: AttestationsInput | null | undefined): Attestations {
  const merged: Attestations = { ...new Attestations(), ...stored };
  if (!input) return merged;
  for (const key of ['politicalCommitment', 'serviceCapability', 'legalRepresentativePledge'] as const) {
    if (input[key] != null) merged[key] = input[key]!;
  }
  return merged;
}

/** A submission declares every figure 第六条 tests. */
export function requireCompleteDeclaration(declared: DeclaredFigures): void {
  const missing = ['year', ...Object.keys(DECLARED_FIELDS)].filter((f) => declared[f as keyof DeclaredFigures] == null);
  // floor area may be all owned or all rented: one of the two is enough
  const area = declared.floorAreaOwned != null || declared.floorAreaRented != null;
  const blocking = missing.filter((f) => !(area && (f === 'floorAreaOwned' || f === 'floorAreaRented')));
  if (blocking.length) {
    throw badInput(
      { zh: `申报数据不完整，缺少：${blocking.join('、')}`, en: `The declaration is incomplete; missing: ${blocking.join(', ')}` },
      { reason: 'INCOMPLETE_DECLARATION', missing: blocking },
    );
  }
}
