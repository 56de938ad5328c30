import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, chinaToday, publishEvent, recordAudit, writeTransaction, RegistryEvent, type AuthUser } from '@sme/kernel';
import { ANNUAL_FIGURES, AnnualFacts, type AnnualFigures } from './annual-facts.entity';
import type { RecordAnnualFactsInput } from './annual-facts.inputs';
import { findInstitution } from '../institutions/institution.service';
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

/** Each figure in range, and the figures consistent with each other (a part never exceeds its whole). */
export function validateFigures(figures: AnnualFigures): void {
  for (const field of ANNUAL_FIGURES) {
    const value = figures[field];
    if (!Number.isFinite(value)) refuse(field, '不是有效数字', 'not a finite number', 'NOT_A_NUMBER');
    if (value < 0 && !MAY_BE_NEGATIVE.has(field)) refuse(field, `不能为负数（${value}）`, `cannot be negative (${value})`, 'NEGATIVE');
    if (PERCENT.has(field) && value > 100) refuse(field, `百分比不能超过 100（${value}）`, `a percentage cannot exceed 100 (${value})`, 'OUT_OF_RANGE');
    if (Math.abs(value) > (COUNTS.has(field) ? MAX_COUNT : MAX_AMOUNT)) refuse(field, `数值过大（${value}）`, `too large (${value})`, 'OUT_OF_RANGE');
  }
  const parts: [keyof AnnualFigures, keyof AnnualFigures][] = [
    ['pointToPointServed', 'smesServed'],
    ['fullTimeServiceStaff', 'staff'],
    ['qualifiedStaff', 'staff'],
    ['serviceRevenue', 'revenue'],
  ];
  for (const [part, whole] of parts) {
    if (figures[part] > figures[whole]) refuse(part, `不能大于 ${whole}（${figures[part]} > ${figures[whole]}）`, `cannot exceed ${whole} (${figures[part]} > ${figures[whole]})`, 'INCONSISTENT');
  }
}

/** Records (or corrects) one year's facts; the previous figures stay in the audit trail. */
export async function recordAnnualFacts(em: EntityManager, user: AuthUser | null, input: RecordAnnualFactsInput): Promise<AnnualFacts> {
  return writeTransaction(em, async (tx) => {
    const institution = await findInstitution(tx, input.institutionId);
    const actor = mayRecordFacts(user, institution.regionCode);
    const thisYear = Number(chinaToday().slice(0, 4));
    const founded = Number(institution.establishedOn.slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < founded || input.year > thisYear) {
      throw badInput(
        { zh: `年度应在成立年份 ${founded} 与今年 ${thisYear} 之间：${input.year}`, en: `year must be between the founding year ${founded} and ${thisYear}: ${input.year}` },
        { reason: 'OUT_OF_RANGE', field: 'year' },
      );
    }
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
    const after = { year: input.year, ...figures };
    recordAudit(tx, actor, { recordType: 'Institution', recordId: institution.id, action: before ? 'CORRECT_ANNUAL_FACTS' : 'RECORD_ANNUAL_FACTS', before, after });
    publishEvent(tx, { type: RegistryEvent.AnnualFactsRecorded, aggregateType: 'Institution', aggregateId: institution.id, payload: { institutionId: institution.id, creditCode: institution.creditCode, ...after } });
    return row;
  });
}
