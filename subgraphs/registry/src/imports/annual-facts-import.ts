import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { DomainError, ErrorCode, badInput, checked, chinaToday, importUpload, parseCreditCode, writeTransaction, type AuthUser, type Upload } from '@sme/kernel';
import { ANNUAL_FIGURES, AnnualFacts, type AnnualFigures } from '../annual-facts/annual-facts.entity';
import { checkYear, recordFactsChange, validateFigures } from '../annual-facts/annual-facts.service';
import { Institution } from '../institutions/institution.entity';
import { mayImport, mayRecordFacts } from '../permissions';
import { ANNUAL_FACTS_COLUMNS } from './annual-facts-columns';
import { IMPORT_REASON, lockImports } from './import-lock';

/**
 * 年度情况批量导入: a spreadsheet of annual facts, one row per institution (by its credit code) and year, in one
 * transaction, each row held to exactly what `recordAnnualFacts` checks (the same functions, every refusal
 * collected), with the same audit entry and `registry.AnnualFactsRecorded.v1`. If any row is refused nothing is
 * written and the answer lists every refused row.
 *
 * As the mutation does, a year already recorded is corrected (its previous figures stay in the audit trail);
 * a row whose figures equal the recorded ones is UNCHANGED and writes nothing, so importing the same file
 * again is safe and publishes no event.
 */

export type AnnualFactsImportOutcome = 'RECORDED' | 'CORRECTED' | 'UNCHANGED';

interface FactsRow {
  line: number;
  creditCode: string;
  year: number;
  figures: AnnualFigures;
}

export async function importAnnualFacts(em: EntityManager, user: AuthUser | null, upload: Upload) {
  const actor = mayImport(user);
  const { file, records, problems } = await importUpload(upload, { columns: ANNUAL_FACTS_COLUMNS, anchor: 'creditCode' });
  const today = chinaToday();
  const rows: FactsRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records) {
    const at = problems.at(record.line);
    const values = record.values;
    if (!problems.has(record.line)) {
      const creditCode = checked('creditCode', at, () => parseCreditCode(values.creditCode));
      const figures = Object.fromEntries(ANNUAL_FIGURES.map((field) => [field, values[field]])) as unknown as AnnualFigures;
      validateFigures(figures, at);
      if (!problems.has(record.line)) rows.push({ line: record.line, creditCode, year: values.year as number, figures });
    }
    if (typeof values.creditCode !== 'string' || typeof values.year !== 'number') continue;
    const key = `${values.creditCode}:${values.year}`;
    const first = firstLineOf.get(key);
    if (first === undefined) firstLineOf.set(key, record.line);
    else {
      at(badInput(
        { zh: `与第 ${first} 行是同一机构同一年度：${values.creditCode}，${values.year} 年`, en: `The same institution and year as line ${first}: ${values.creditCode}, ${values.year}` },
        { reason: 'DUPLICATE_IN_FILE', value: key, firstLine: first },
      ), 'creditCode');
    }
  }
  const valid = rows.filter((row) => !problems.has(row.line));

  return writeTransaction(em, async (tx) => {
    await lockImports(tx);
    const institutions = valid.length ? await tx.find(Institution, { creditCode: { $in: [...new Set(valid.map((row) => row.creditCode))] } }) : [];
    const byCode = new Map(institutions.map((institution) => [institution.creditCode, institution]));
    const checkedRows: (FactsRow & { institution: Institution })[] = [];
    for (const row of valid) {
      const at = problems.at(row.line);
      const institution = byCode.get(row.creditCode);
      if (!institution) {
        at(new DomainError(
          ErrorCode.NOT_FOUND,
          { zh: `未找到已登记的机构：${row.creditCode}（请先登记机构，可用机构批量导入）`, en: `No registered institution has the credit code ${row.creditCode} (register it first, e.g. by an institutions import)` },
          { key: row.creditCode },
        ), 'creditCode');
        continue;
      }
      checked('creditCode', at, () => mayRecordFacts(user, institution.regionCode));
      checked('year', at, () => checkYear(institution, row.year, today));
      if (!problems.has(row.line)) checkedRows.push({ ...row, institution });
    }
    // the recorded years of these institutions, locked: a concurrent correction waits for this import, or this one for it
    const recorded = checkedRows.length
      ? await tx.find(AnnualFacts, { institutionId: { $in: [...new Set(checkedRows.map((row) => row.institution.id))] } }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : [];
    problems.refuseIfAny(records.length);

    const byYear = new Map(recorded.map((facts) => [`${facts.institutionId}:${facts.year}`, facts]));
    const results: { line: number; creditCode: string; year: number; outcome: AnnualFactsImportOutcome }[] = [];
    for (const row of checkedRows) {
      const stored = byYear.get(`${row.institution.id}:${row.year}`);
      let outcome: AnnualFactsImportOutcome;
      if (!stored) {
        tx.persist(tx.create(AnnualFacts, { ...row.figures, institutionId: row.institution.id, year: row.year, recordedBy: actor.id }));
        recordFactsChange(tx, actor, row.institution, row.year, row.figures, null, IMPORT_REASON);
        outcome = 'RECORDED';
      } else if (ANNUAL_FIGURES.every((field) => stored[field] === row.figures[field])) {
        outcome = 'UNCHANGED';
      } else {
        const before = Object.fromEntries(ANNUAL_FIGURES.map((field) => [field, stored[field]]));
        tx.assign(stored, { ...row.figures, recordedAt: new Date(), recordedBy: actor.id });
        recordFactsChange(tx, actor, row.institution, row.year, row.figures, before, IMPORT_REASON);
        outcome = 'CORRECTED';
      }
      results.push({ line: row.line, creditCode: row.creditCode, year: row.year, outcome });
    }
    await tx.flush();
    const count = (outcome: AnnualFactsImportOutcome) => results.filter((result) => result.outcome === outcome).length;
    return { file, recorded: count('RECORDED'), corrected: count('CORRECTED'), unchanged: count('UNCHANGED'), annualFacts: results };
  });
}
