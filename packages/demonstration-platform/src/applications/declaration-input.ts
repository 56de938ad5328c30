import { badInput, count, text } from '@sme/kernel';
import { DeclaredFigures, type DeclaredFiguresInput, type FunctionDeclarationInput, type FunctionDeclarationRecord, type PriorRecognitionInput, type PriorRecognitionRecord } from './declaration';

/**
 * From the GraphQL inputs to what an application stores. Ranges, duplicates and the functions a document offers
 * are checked against the rule set by `validateEligibilityInput` (eligibility-input.ts), before anything is written.
 */

/** Omitted figures stay as they were; `null` clears one. */
export function mergeDeclared(current: DeclaredFigures, input: DeclaredFiguresInput | null | undefined): DeclaredFigures {
  const next: DeclaredFigures = Object.assign(new DeclaredFigures(), current);
  if (!input) return next;
  for (const [key, value] of Object.entries(input) as [keyof DeclaredFiguresInput, unknown][]) {
    if (value === undefined) continue;
    if (key === 'servedByYear') next.servedByYear = ((value as DeclaredFiguresInput['servedByYear']) ?? []).map((y) => ({ year: y.year, smesServed: y.smesServed }));
    else (next as any)[key] = value;
  }
  if (next.figuresYear !== null) count('declared.figuresYear', next.figuresYear, 2100, 1949);
  return next;
}

export const functionRecords = (input: readonly FunctionDeclarationInput[]): FunctionDeclarationRecord[] =>
  input.map((f) => ({ function: f.function, figures: f.figures.map((x) => ({ measure: x.measure, value: x.value })), attested: [...new Set(f.attested)] }));

export const recognitionRecords = (input: readonly PriorRecognitionInput[]): PriorRecognitionRecord[] =>
  input.map((r, i) => ({
    kind: r.kind,
    issuer: text(`priorRecognitions[${i}].issuer`, r.issuer, 200),
    documentNumber: text(`priorRecognitions[${i}].documentNumber`, r.documentNumber, 100),
    recognisedOn: r.recognisedOn,
  }));

const PHONE = /^[0-9+\-() ]{7,20}$/;

export function contactPhone(value: string): string {
  const phone = text('contactPhone', value, 20);
  if (!PHONE.test(phone)) {
    throw badInput({ zh: `联系电话格式不正确：${phone}`, en: `Not a phone number: ${phone}` }, { reason: 'INVALID_PHONE', field: 'contactPhone' });
  }
  return phone;
}

/** 申报材料须完整: every basic figure declared, the last two years' counts, and at least one function. */
export function requireCompleteDeclaration(declared: DeclaredFigures, functions: readonly FunctionDeclarationRecord[]): void {
  const missing = (['figuresYear', 'totalAssets', 'satisfactionPercent', 'aggregatedAgencies', 'publicWelfareSharePercent', 'serviceStaff', 'qualifiedServiceStaff'] as const)
    .filter((k) => declared[k] === null);
  if (declared.servedByYear.length === 0) missing.push('servedByYear' as never);
  if (functions.length === 0) missing.push('functions' as never);
  if (missing.length) {
    throw badInput(
      { zh: `申报数据不全，缺少：${missing.join('、')}`, en: `The declaration is incomplete; missing: ${missing.join(', ')}` },
      { reason: 'DECLARATION_INCOMPLETE', missing },
    );
  }
}
