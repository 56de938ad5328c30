import { DomainError, type EligibilityCriterion, type EligibilityReport } from '@sme/kernel';

/** The criterion of a report by its code; a missing one fails the test with the codes that are there. */
export function criterion(report: EligibilityReport, code: string): EligibilityCriterion {
  const found = report.criteria.find((x) => x.code === code);
  if (!found) throw new Error(`no criterion ${code} in ${report.criteria.map((x) => x.code).join(', ')}`);
  return found;
}

/** The refusal `work` throws, as a client reads it: code, message and extensions. Fails the test when nothing is refused. */
export function refusal(work: () => unknown): Record<string, any> {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message, ...error.extensions };
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}
