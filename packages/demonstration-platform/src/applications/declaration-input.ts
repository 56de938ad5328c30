import { badInput, count, text } from '@sme/kernel';
import { DeclaredFigures, type DeclaredFiguresInput, type FunctionDeclarationInput, type FunctionDeclarationRecord, type PriorRecognitionInput, type PriorRecognitionRecord } from './declaration';
import { FunctionAttestation } from '../platform-function';

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
  input.map((f) => {
    // one figure per measure: a repeated one would be judged by its last value and stored as many times as sent
    const measures = f.figures.map((x) => x.measure);
    const repeated = measures.find((m, i) => measures.indexOf(m) !== i);
    if (repeated) {
      throw badInput({ zh: `功能指标 ${repeated} 重复申报`, en: `The measure ${repeated} is declared twice` }, { reason: 'DUPLICATE_MEASURE', field: 'functions.figures', value: repeated });
    }
    // more attestations than there are is no list of attestations (repeats are dropped below)
    if (f.attested.length > Object.values(FunctionAttestation).length) {
      throw badInput(
        { zh: `功能承诺项至多 ${Object.values(FunctionAttestation).length} 项，实际 ${f.attested.length} 项`, en: `At most ${Object.values(FunctionAttestation).length} attestations, got ${f.attested.length}` },
        { reason: 'OUT_OF_RANGE', field: 'functions.attested' },
      );
    }
    return { function: f.function, figures: f.figures.map((x) => ({ measure: x.measure, value: x.value })), attested: [...new Set(f.attested)] };
  });

/** More prior recognitions than any platform holds is a mistake (or an abuse), not a declaration. */
const MAX_PRIOR_RECOGNITIONS = 50;

export function recognitionRecords(input: readonly PriorRecognitionInput[]): PriorRecognitionRecord[] {
  if (input.length > MAX_PRIOR_RECOGNITIONS) {
    throw badInput(
      { zh: `已获认定至多 ${MAX_PRIOR_RECOGNITIONS} 项，实际 ${input.length} 项`, en: `At most ${MAX_PRIOR_RECOGNITIONS} prior recognitions, got ${input.length}` },
      { reason: 'OUT_OF_RANGE', field: 'priorRecognitions', maximum: MAX_PRIOR_RECOGNITIONS },
    );
  }
  return input.map((r, i) => ({
    kind: r.kind,
    issuer: text(`priorRecognitions[${i}].issuer`, r.issuer, 200),
    documentNumber: text(`priorRecognitions[${i}].documentNumber`, r.documentNumber, 100),
    recognisedOn: r.recognisedOn,
  }));
}

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
