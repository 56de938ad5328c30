import { randomUUID } from 'node:crypto';
import { Role, chinaToday } from '@sme/kernel';
import { graphqlClient, tokenFor } from '@sme/testing';
import type { CaseSetFactory, Cell, MutationCase, Target } from '../support/authorization-matrix';
import { registrationOf } from '../support/institution-supply';
import { eventsSettled } from '../support/event-quiescence';

/**
 * The registry's mutations (SPEC §1 `registry`: institutions, annual facts, credit records) in the authorization
 * matrix. Every record is an institution of 太原市小店区 (140105): its county, Taiyuan (140100) and Shanxi
 * (140000) are the reviewers inside scope.
 */
const REGION = '140105';
const REVIEWERS_INSIDE: readonly Cell[] = ['COUNTY_REVIEWER:in', 'CITY_REVIEWER:in', 'PROVINCE_REVIEWER:in'];

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateInstitutionInput!) { updateInstitution(id: $id, input: $input) { id name } }`;
const ADD_CREDIT_RECORD = `mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id kind } }`;
const CLEAR_CREDIT_RECORD = `mutation($input: ClearCreditRecordInput!) { clearCreditRecord(input: $input) { id removedOn } }`;
const RECORD_ANNUAL_FACTS = `mutation($input: RecordAnnualFactsInput!) { recordAnnualFacts(input: $input) { year totalAssets } }`;

/** A consistent year of figures (each part within its whole). */
const FIGURES = {
  totalAssets: 320, revenue: 560, serviceRevenue: 310, profit: 42, tax: 18, smesServed: 130, pointToPointServed: 15, satisfactionRate: 93,
  floorAreaOwned: 180, floorAreaRented: 40, staff: 24, fullTimeServiceStaff: 16, qualifiedStaff: 18, seniorExperts: 11, relatedExperts: 22,
  partnerAgencies: 6, publicWelfareShare: 25,
};

export const registryCases: CaseSetFactory = async (endpoints) => {
  const gateway = graphqlClient(endpoints.gatewayUrl);
  const admin = await tokenFor(Role.ADMIN, { id: 'matrix-registry-setup' });
  let registered = 0;

  async function asAdmin(document: string, variables: Record<string, unknown>): Promise<any> {
    const result = await gateway(document, variables, admin);
    if (result.errors?.length) throw new Error(`registry setup failed: ${JSON.stringify(result.errors[0])}`);
    return result.data;
  }
  const registrationInput = () => registrationOf(REGION, `矩阵登记测试${++registered}号服务有限公司`);
  const institution = async (): Promise<string> => (await asAdmin(REGISTER, { input: registrationInput() })).registerInstitution.id;
  /** The record is ready once the events its setup (and earlier cells) published have been handled everywhere. */
  const ready = async (institutionId: string, variables: Record<string, unknown>): Promise<Target> => {
    await eventsSettled(endpoints.databaseUrl);
    return { regionCode: REGION, institutionId, variables };
  };

  const cases: MutationCase[] = [
    {
      mutation: 'registerInstitution',
      subgraph: 'registry',
      document: REGISTER,
      // the registry is kept by the authorities of the region; an applicant acts for an institution that is already registered
      allowed: [...REVIEWERS_INSIDE, 'ADMIN'],
      prepare: () => ready(randomUUID(), { input: registrationInput() }),
    },
    {
      mutation: 'updateInstitution',
      subgraph: 'registry',
      document: UPDATE,
      // contacts and address only: the institution's own applicant keeps them, as do the reviewers over its region
      allowed: ['APPLICANT:in', ...REVIEWERS_INSIDE, 'ADMIN'],
      async prepare() {
        const id = await institution();
        return ready(id, { id, input: { address: '太原市小店区长治路 2 号', contactPerson: '赵联系', contactPhone: '0351-7654321' } });
      },
    },
    {
      mutation: 'updateInstitution',
      subgraph: 'registry',
      document: UPDATE,
      // a rename is a registered fact (资源库 第十一条 major change, verified by the authorities), not the applicant's to make
      allowed: [...REVIEWERS_INSIDE, 'ADMIN'],
      async prepare() {
        const id = await institution();
        return ready(id, { id, input: { name: `矩阵更名测试${randomUUID().slice(0, 8)}服务有限公司` } });
      },
    },
    {
      mutation: 'addCreditRecord',
      subgraph: 'registry',
      document: ADD_CREDIT_RECORD,
      // records come from the credit authorities' lists, entered at province level; programmes act on them at once (资源库 第十二条)
      allowed: ['PROVINCE_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const id = await institution();
        return ready(id, { input: { institutionId: id, kind: 'ABNORMAL_OPERATION', listedOn: '2025-03-01', source: '国家企业信用信息公示系统' } });
      },
    },
    {
      mutation: 'clearCreditRecord',
      subgraph: 'registry',
      document: CLEAR_CREDIT_RECORD,
      // whoever may enter a record may clear it
      allowed: ['PROVINCE_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const id = await institution();
        const added = await asAdmin(ADD_CREDIT_RECORD, { input: { institutionId: id, kind: 'ABNORMAL_OPERATION', listedOn: '2025-03-01', source: '国家企业信用信息公示系统' } });
        return ready(id, { input: { id: added.addCreditRecord.id, removedOn: chinaToday(), reason: '已移出经营异常名录' } });
      },
    },
    {
      mutation: 'recordAnnualFacts',
      subgraph: 'registry',
      document: RECORD_ANNUAL_FACTS,
      // registry figures are the authorities' (SPEC §2 Annual facts: reviewers set them beside what an application declares)
      allowed: [...REVIEWERS_INSIDE, 'ADMIN'],
      async prepare() {
        const id = await institution();
        return ready(id, { input: { institutionId: id, year: Number(chinaToday().slice(0, 4)) - 1, ...FIGURES } });
      },
    },
  ];
  return { cases, close: async () => undefined };
};
