import type { EntityManager } from '@mikro-orm/postgresql';
import {
  chinaToday, checked, expectVersion, isUuid, notFound, notInFuture, optionalText, parseCreditCode, publishEvent, recordAudit, text, throwRefusal,
  writeTransaction, RegistryEvent, type AuthUser, type OnRefusal,
} from '@sme/kernel';
import { Institution } from './institution.entity';
import type { RegisterInstitutionInput, UpdateInstitutionInput } from './institution.inputs';
import { knownRegion } from '../validation';
import { mayRegister, mayUpdate } from '../permissions';

const INSTITUTION = { zh: '机构', en: 'Institution' };

/** The public part of an institution, as events and audit entries carry it. */
export const institutionSnapshot = (i: Institution) => ({
  id: i.id,
  creditCode: i.creditCode,
  name: i.name,
  legalForm: i.legalForm,
  regionCode: i.regionCode,
  establishedOn: i.establishedOn,
  address: i.address,
  legalRepresentative: i.legalRepresentative,
  version: i.version,
});

export async function findInstitution(em: EntityManager, id: string): Promise<Institution> {
  const institution = isUuid(id) ? await em.findOne(Institution, { id }) : null;
  if (!institution) throw notFound(INSTITUTION, id);
  return institution;
}

/**
 * The values of a registration, each field checked: the first refusal thrown (a GraphQL mutation), or every
 * refusal handed to `onRefusal` (a spreadsheet row: the refused fields are then undefined and the row is not
 * written). The one set of checks for both.
 */
export function registrationValues(input: RegisterInstitutionInput, onRefusal: OnRefusal = throwRefusal, today = chinaToday()) {
  // the scalar checks API input; this guards every other caller (services, imports)
  const creditCode = checked('creditCode', onRefusal, () => parseCreditCode(input.creditCode));
  const region = checked('regionCode', onRefusal, () => knownRegion(input.regionCode));
  checked('establishedOn', onRefusal, () => notInFuture('establishedOn', input.establishedOn, today));
  return {
    creditCode,
    name: checked('name', onRefusal, () => text('name', input.name, 200)),
    legalForm: input.legalForm,
    regionCode: region?.code,
    establishedOn: input.establishedOn,
    address: checked('address', onRefusal, () => optionalText('address', input.address, 300)),
    legalRepresentative: checked('legalRepresentative', onRefusal, () => optionalText('legalRepresentative', input.legalRepresentative, 50)),
    contactPerson: checked('contactPerson', onRefusal, () => optionalText('contactPerson', input.contactPerson, 50)),
    contactPhone: checked('contactPhone', onRefusal, () => optionalText('contactPhone', input.contactPhone, 30)),
  };
}

export type RegistrationValues = ReturnType<typeof registrationValues>;

/**
 * What a registration writes beside the institution, in the same unit of work: its audit entry and
 * `registry.InstitutionRegistered.v1`. `reason` says how it came (a bulk import names itself).
 */
export function recordRegistration(tx: EntityManager, actor: AuthUser, institution: Institution, reason?: string): void {
  const after = institutionSnapshot(institution);
  recordAudit(tx, actor, { recordType: 'Institution', recordId: institution.id, action: 'REGISTER', after, reason });
  publishEvent(tx, { type: RegistryEvent.InstitutionRegistered, aggregateType: 'Institution', aggregateId: institution.id, payload: after });
}

export async function registerInstitution(em: EntityManager, user: AuthUser | null, input: RegisterInstitutionInput): Promise<Institution> {
  const region = knownRegion(input.regionCode);
  const actor = mayRegister(user, region.code);
  const values = registrationValues(input);
  return writeTransaction(em, async (tx) => {
    const institution = tx.create(Institution, values);
    tx.persist(institution);
    await tx.flush(); // the unique credit code refuses a duplicate here, before the event is written
    recordRegistration(tx, actor, institution);
    return institution;
  });
}

const CONTACT_FIELDS = ['address', 'contactPerson', 'contactPhone'] as const;

export async function updateInstitution(em: EntityManager, user: AuthUser | null, id: string, input: UpdateInstitutionInput): Promise<Institution> {
  return writeTransaction(em, async (tx) => {
    const institution = await findInstitution(tx, id);
    const given = Object.entries(input).filter(([key, value]) => key !== 'expectedVersion' && value !== undefined).map(([key]) => key);
    const onlyContacts = given.every((key) => (CONTACT_FIELDS as readonly string[]).includes(key));
    const actor = mayUpdate(user, institution, onlyContacts);
    expectVersion(institution.version, input.expectedVersion);
    const before = institutionSnapshot(institution);
    if (input.regionCode != null) {
      const region = knownRegion(input.regionCode);
      mayUpdate(user, { id, regionCode: region.code }, false); // a relocation needs authority over both regions
      institution.regionCode = region.code;
    }
    if (input.name != null) institution.name = text('name', input.name, 200);
    if (input.legalForm != null) institution.legalForm = input.legalForm;
    if (input.address !== undefined) institution.address = optionalText('address', input.address, 300);
    if (input.legalRepresentative !== undefined) institution.legalRepresentative = optionalText('legalRepresentative', input.legalRepresentative, 50);
    if (input.contactPerson !== undefined) institution.contactPerson = optionalText('contactPerson', input.contactPerson, 50);
    if (input.contactPhone !== undefined) institution.contactPhone = optionalText('contactPhone', input.contactPhone, 30);
    await tx.flush(); // bumps the version; a concurrent writer that read the same version gets CONFLICT
    const after = institutionSnapshot(institution);
    recordAudit(tx, actor, { recordType: 'Institution', recordId: id, action: 'UPDATE', before, after });
    publishEvent(tx, { type: RegistryEvent.InstitutionUpdated, aggregateType: 'Institution', aggregateId: id, payload: { ...after, changed: given } });
    return institution;
  });
}
