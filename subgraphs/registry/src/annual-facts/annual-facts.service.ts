import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, chinaToday, checked, publishEvent, recordAudit, throwRefusal, writeTransaction, RegistryEvent, type AuthUser, type OnRefusal } from '@sme/kernel';
import { ANNUAL_FIGURES, AnnualFacts, type AnnualFigures } from './annual-facts.entity';
import type { RecordAnnualFactsInput } from './annual-facts.inputs';
import { findInstitution } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.entity';
import { mayRecordFacts } from '../permissions';

/** Upper bounds that no real institution reaches: a larger figure is a typing error, not a fact. */
const MAX_AMOUNT = 100_000_000; // 万元 (one trillion CNY)
const MAX_COUNT = 10_000_000;
const PERCENT = new Set<string>(['satisfactionRate', 'publicWelfareShare']);
const MAY_BE_NEGATIVE = new Set<string>(['profit']);
const COUNTS = new Set<string>(['smesServed', 'pointToPointServed', 'staff', 'fullTimeServiceStaff', 'qualifiedStaff', 'seniorExperts', 'relatedExperts', 'partnerAgencies']);

function refuse(field: string, zh: string, en: string, reason: string): never {
  throw badInput({ zh: `${field}：${zh}`, en: `${field}: ${en}` }, { reason, field });
}

/**
 * Each figure in range, and the figures consistent with each other (a part never exceeds its whole). Each
 * figure is checked on its own: the first refusal is thrown, or every one handed to `onRefusal` (a
 * spreadsheet row).
 */
export function validateFigures(figures: AnnualFigures, onRefusal: OnRefusal = throwRefusal): void {
  const inRange = new Set<string>();
  for (const field of ANNUAL_FIGURES) {
    checked(field, onRefusal, () => {
      const value = figures[field];
      if (!Number.isFinite(value)) refuse(field, '不是有效数字', 'not a finite number', 'NOT_A_NUMBER');
      if (value < 0 && !MAY_BE_NEGATIVE.has(field)) refuse(field, `不能为负数（${value}）`, `cannot be negative (${value})`, 'NEGATIVE');
      if (PERCENT.has(field) && value > 100) refuse(field, `百分比不能超过 100（${value}）`, `a percentage cannot exceed 100 (${value})`, 'OUT_OF_RANGE');
      if (Math.abs(value) > (COUNTS.has(field) ? MAX_COUNT : MAX_AMOUNT)) refuse(field, `数值过大（${value}）`, `too large (${value})`, 'OUT_OF_RANGE');
      inRange.add(field);
    });
  }
  const parts: [keyof AnnualFigures, keyof AnnualFigures][] = [
    ['pointToPointServed', 'smesServed'],
    ['fullTimeServiceStaff', 'staff'],
    ['qualifiedStaff', 'staff'],
    ['serviceRevenue', 'revenue'],
  ];
  for (const [part, whole] of parts) {
    if (!inRange.has(part) || !inRange.has(whole)) continue; // a figure already refused says nothing about the other
    checked(part, onRefusal, () => {
      if (figures[part] > figures[whole]) refuse(part, `不能大于 ${whole}（${figures[part]} > ${figures[whole]}）`, `cannot exceed ${whole} (${figures[part]} > ${figures[whole]})`, 'INCONSISTENT');
    });
  }
}

/** A year's facts can be recorded from the founding year to this year (China's date). */
export function checkYear(institution: Pick<Institution, 'establishedOn'>, year: number, today = chinaToday()): void {
  const thisYear = Number(today.slice(0, 4));
  const founded = Number(institution.establishedOn.slice(0, 4));
  if (!Number.isInteger(year) || year < founded || year > thisYear) {
    throw badInput(
      { zh: `年度应在成立年份 ${founded} 与今年 ${thisYear} 之间：${year}`, en: `year must be between the founding year ${founded} and ${thisYear}: ${year}` },
      { reason: 'OUT_OF_RANGE', field: 'year' },
    );
  }
}

/**
 * What recording (or correcting) a year's facts writes beside the row, in the same unit of work: the audit
 * entry with the previous figures, and `registry.AnnualFactsRecorded.v1`. `reason` says how it came.
 */
export function recordFactsChange(
  tx: EntityManager, actor: AuthUser, institution: Pick<Institution, 'id' | 'creditCode'>, year: number, figures: AnnualFigures,
  before: Record<string, number> | null, reason?: string,
): void {
  const after = { year, ...figures };
  recordAudit(tx, actor, { recordType: 'Institution', recordId: institution.id, action: before ? 'CORRECT_ANNUAL_FACTS' : 'RECORD_ANNUAL_FACTS', before, after, reason });
  publishEvent(tx, { type: RegistryEvent.AnnualFactsRecorded, aggregateType: 'Institution', aggregateId: institution.id, payload: { institutionId: institution.id, creditCode: institution.creditCode, ...after } });
}

/** Records (or corrects) one year's facts; the previous figures stay in the audit trail. */
export async function recordAnnualFacts(em: EntityManager, user: AuthUser | null, input: RecordAnnualFactsInput): Promise<AnnualFacts> {
  return writeTransaction(em, async (tx) => {
    const institution = await findInstitution(tx, input.institutionId);
    const actor = mayRecordFacts(user, institution.regionCode);
    checkYear(institution, input.year);
    const { institutionId: _id, year: _year, ...figures } = input;
    validateFigures(figures);
    let row = await tx.findOne(AnnualFacts, { institutionId: institution.id, year: input.year });
    const before = row ? Object.fromEntries(ANNUAL_FIGURES.map((f) => [f, row![f]])) : null;
    if (row) tx.assign(row, { ...figures, recordedAt: new Date(), recordedBy: actor.id });
    else {
      row = tx.create(AnnualFacts, { ...figures, institutionId: institution.id, year: input.year, recordedBy: actor.id });
      tx.persist(row);
    }
    await tx.flush();
    recordFactsChange(tx, actor, institution, input.year, figures, before);
    return row;
  });
}
