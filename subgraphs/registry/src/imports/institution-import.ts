import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, checked, chinaToday, columnHeader, conflict, importUpload, writeTransaction, type AuthUser, type Upload } from '@sme/kernel';
import { Institution } from '../institutions/institution.entity';
import type { RegisterInstitutionInput } from '../institutions/institution.inputs';
import { recordRegistration, registrationValues, type RegistrationValues } from '../institutions/institution.service';
import { mayImport, mayRegister } from '../permissions';
import { INSTITUTION_COLUMNS } from './institution-columns';
import { IMPORT_REASON, lockImports } from './import-lock';

/**
 * 机构批量导入: a spreadsheet of institutions registered in one transaction, each row held to exactly what
 * `registerInstitution` checks (kernel `refusals.ts`: the same function, every refusal collected), with the
 * same audit entry and `registry.InstitutionRegistered.v1` per institution. If any row is refused nothing is
 * written and the answer lists every refused row.
 *
 * A credit code that is already registered is the same institution: a row that agrees with what is registered
 * (every value it gives) is UNCHANGED, so importing the same file again, or a list with new rows appended,
 * is safe; a row that disagrees is refused (CONFLICT, reason ALREADY_REGISTERED, naming the columns), since
 * an import registers and never overwrites what applicants and reviewers have changed since: a change goes
 * through `updateInstitution`.
 */

export type InstitutionImportOutcome = 'REGISTERED' | 'UNCHANGED';

const headerOf = (field: string) => columnHeader(INSTITUTION_COLUMNS.find((column) => column.field === field)!);

/** The fields a row gives that differ from what is registered (an empty optional cell gives nothing). */
function differingFields(stored: Institution, row: RegistrationValues): string[] {
  const given: (keyof RegistrationValues)[] = ['name', 'legalForm', 'regionCode', 'establishedOn', 'address', 'legalRepresentative', 'contactPerson', 'contactPhone'];
  return given.filter((field) => row[field] != null && row[field] !== stored[field as keyof Institution]);
}

export async function importInstitutions(em: EntityManager, user: AuthUser | null, upload: Upload) {
  const actor = mayImport(user);
  const { file, records, problems } = await importUpload(upload, { columns: INSTITUTION_COLUMNS, anchor: 'creditCode' });
  const today = chinaToday();
  const rows: { line: number; values: RegistrationValues }[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records) {
    const at = problems.at(record.line);
    if (!problems.has(record.line)) {
      const values = registrationValues(record.values as unknown as RegisterInstitutionInput, at, today);
      if (values.regionCode) checked('regionCode', at, () => mayRegister(user, values.regionCode!));
      if (!problems.has(record.line)) rows.push({ line: record.line, values });
    }
    const code = record.values.creditCode;
    if (typeof code !== 'string') continue;
    const first = firstLineOf.get(code);
    if (first === undefined) firstLineOf.set(code, record.line);
    else {
      at(badInput({ zh: `与第 ${first} 行的统一社会信用代码重复：${code}`, en: `The same credit code as line ${first}: ${code}` }, { reason: 'DUPLICATE_IN_FILE', value: code, firstLine: first }), 'creditCode');
    }
  }
  const valid = rows.filter((row) => !problems.has(row.line));

  return writeTransaction(em, async (tx) => {
    await lockImports(tx);
    const registered = valid.length ? await tx.find(Institution, { creditCode: { $in: valid.map((row) => row.values.creditCode) } }) : [];
    const byCode = new Map(registered.map((institution) => [institution.creditCode, institution]));
    const results: { line: number; creditCode: string; id: string; outcome: InstitutionImportOutcome }[] = [];
    const toRegister: typeof valid = [];
    for (const row of valid) {
      const stored = byCode.get(row.values.creditCode);
      if (!stored) {
        toRegister.push(row);
        continue;
      }
      const differing = differingFields(stored, row.values).map(headerOf);
      if (differing.length) {
        problems.at(row.line)(conflict(
          {
            zh: `该统一社会信用代码已登记为「${stored.name}」，本行与登记信息不同的列：${differing.join('、')}。批量导入只登记新机构；更改已登记的机构请用“更新机构信息”`,
            en: `This credit code is already registered as 「${stored.name}」, and this row differs in: ${differing.join(', ')}. An import registers new institutions only; change a registered one with updateInstitution`,
          },
          { reason: 'ALREADY_REGISTERED', institutionId: stored.id, differs: differing },
        ), 'creditCode');
      } else {
        results.push({ line: row.line, creditCode: stored.creditCode, id: stored.id, outcome: 'UNCHANGED' });
      }
    }
    problems.refuseIfAny(records.length);
    for (const row of toRegister) {
      const institution = tx.create(Institution, row.values as Required<RegistrationValues>);
      tx.persist(institution);
      recordRegistration(tx, actor, institution, IMPORT_REASON);
      results.push({ line: row.line, creditCode: institution.creditCode, id: institution.id, outcome: 'REGISTERED' });
    }
    await tx.flush(); // one batch of inserts; a credit code registered meanwhile by a single mutation refuses all (CONFLICT)
    results.sort((a, b) => a.line - b.line);
    return { file, registered: toRegister.length, unchanged: results.length - toRegister.length, institutions: results };
  });
}
