import { randomInt } from 'node:crypto';
import { Role, composeCreditCode } from '@sme/kernel';
import { graphqlClient, tokenFor } from '@sme/testing';
import { waitUntilKnown } from './library-setup';

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;

/** Random per process, counted within it: codes never repeat in one test file, and hardly across files sharing a database. */
const PROCESS_PART = String(randomInt(0, 10_000)).padStart(4, '0');
let issued = 0;

/** A valid credit code no other test record holds (the check characters computed). */
export function freshCreditCode(division: string): string {
  issued += 1;
  return composeCreditCode('9', '1', division, `${PROCESS_PART}${String(issued).padStart(4, '0')}`);
}

/** The input that registers a fresh institution in `regionCode` (an enterprise of 2015). */
export const registrationOf = (regionCode: string, name: string) => ({
  creditCode: freshCreditCode(regionCode), name, legalForm: 'ENTERPRISE', regionCode, establishedOn: '2015-06-01',
});

/**
 * Registers `count` institutions through the gateway as an admin, ten at a time, and waits until each subgraph of
 * `knownTo` has learned them from the registry's events (they act only on institutions they know).
 */
export async function registerInstitutions(
  endpoints: { gatewayUrl: string; databaseUrl: string },
  count: number,
  options: { regionCode: string; label: string; knownTo?: string[] },
): Promise<string[]> {
  const query = graphqlClient(endpoints.gatewayUrl);
  const admin = await tokenFor(Role.ADMIN, { id: 'institution-supply' });
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => registrationOf(options.regionCode, `${options.label}${start + i + 1}号服务有限公司`));
    for (const result of await Promise.all(batch.map((input) => query(REGISTER, { input }, admin)))) {
      if (result.errors?.length) throw new Error(`registering an institution failed: ${JSON.stringify(result.errors[0])}`);
      ids.push(result.data.registerInstitution.id);
    }
  }
  for (const schema of options.knownTo ?? []) await waitUntilKnown(endpoints.databaseUrl, schema, ids);
  return ids;
}
