import { DomainError } from './errors';

/**
 * One validation, two ways of answering. A form sent through GraphQL stops at its first refusal (thrown); a
 * spreadsheet row is checked field by field and every refusal is collected, so that the person fixing the file
 * sees all of them at once. Both run the same checks.
 */

/** What happens to a refusal found while checking `field`: thrown, or collected. */
export type OnRefusal = (error: DomainError, field: string) => void;

export const throwRefusal: OnRefusal = (error) => {
  throw error;
};

/**
 * Runs one field's check and returns its value; a refusal goes to `onRefusal`. When the refusal is collected
 * instead of thrown the field has no value (undefined): a caller that collects discards the values of a row
 * that has any refusal. Anything that is not a refusal (a bug, the database) is never collected.
 */
export function checked<T>(field: string, onRefusal: OnRefusal, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    onRefusal(error, field);
    return undefined as T;
  }
}
