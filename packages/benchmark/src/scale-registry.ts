import { CREDIT_CODE_ALPHABET, cityOf, composeCreditCode, findRegion, regionPath } from '@sme/kernel';
import { prng, type Prng } from './scale-prng';
import { ANCHOR_DATE, FIRST_FACTS_YEAR, LAST_FACTS_YEAR, dateBetween, timestampOn, addDays } from './scale-timeline';
import { LINES_OF_BUSINESS, ROADS, TRADE_NAMES, mobilePhone, personName } from './scale-names';
import { PROVINCE_SHARES, regionPicker, type RegionPicker } from './scale-regions';
import { streamedTable, builtTable, type TableLoad } from './scale-tables';

/**
 * The registry's share of the scale data: institutions spread over the regions, their annual facts for every
 * year from 2021 (or their founding) to 2025, and credit records. Each institution is drawn from its own stream,
 * so institution n is the same whatever the total.
 */
export type LegalForm = 'ENTERPRISE' | 'PUBLIC_INSTITUTION' | 'PRIVATE_NON_ENTERPRISE' | 'SOCIAL_ORGANIZATION' | 'OTHER';

/** Legal form: its share, and the credit code's registration authority and entity type (GB 32100 附录). */
const LEGAL_FORMS: readonly { form: LegalForm; share: number; authority: string; type: string }[] = [
  { form: 'ENTERPRISE', share: 0.72, authority: '9', type: '1' },
  { form: 'PUBLIC_INSTITUTION', share: 0.12, authority: '1', type: '2' },
  { form: 'PRIVATE_NON_ENTERPRISE', share: 0.08, authority: '5', type: '2' },
  { form: 'SOCIAL_ORGANIZATION', share: 0.06, authority: '5', type: '1' },
  { form: 'OTHER', share: 0.02, authority: '9', type: '3' },
];
const LEGAL_PERSON_FORMS = new Set<LegalForm>(['ENTERPRISE', 'PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION']);

/** Names by legal form: {place} is the city (or the county for public bodies), {trade} a trade name, {line} a line of business. */
const NAME_PATTERNS: Record<LegalForm, readonly string[]> = {
  ENTERPRISE: ['{city}{trade}{line}有限公司', '{city}{trade}{line}有限责任公司', '{trade}{line}股份有限公司', '{city}{trade}{line}有限公司'],
  PUBLIC_INSTITUTION: ['{county}中小企业服务中心', '{county}中小企业发展促进中心', '{county}生产力促进中心', '{city}{trade}科技创新服务中心', '{city}技术转移中心'],
  PRIVATE_NON_ENTERPRISE: ['{city}{trade}创业服务中心', '{city}{trade}人才服务中心', '{city}{trade}企业发展研究院'],
  SOCIAL_ORGANIZATION: ['{city}中小企业协会', '{city}{trade}企业联合会', '{county}科技服务业协会', '{city}电子商务协会', '{city}软件行业协会'],
  OTHER: ['{city}{trade}企业服务联合体', '{city}{trade}科技服务合作社'],
};

/** Credit record kinds (SPEC §2), their share among records and the authority that publishes them. */
export const CREDIT_KINDS: readonly { kind: string; share: number; source: string }[] = [
  { kind: 'ABNORMAL_OPERATION', share: 0.4, source: '国家企业信用信息公示系统' },
  { kind: 'DISHONEST_JUDGMENT_DEBTOR', share: 0.25, source: '信用中国' },
  { kind: 'SERIOUS_DISHONESTY_LIST', share: 0.1, source: '信用中国' },
  { kind: 'MAJOR_TAX_VIOLATION', share: 0.1, source: '国家税务总局重大税收违法失信主体信息公布栏' },
  { kind: 'TAX_EVASION', share: 0.05, source: '税务稽查决定书' },
  { kind: 'LEGAL_REPRESENTATIVE_RECORD', share: 0.07, source: '信用中国' },
  { kind: 'DATA_FALSIFICATION', share: 0.03, source: '审核发现' },
];
export const creditSourceOf = (kind: string) => CREDIT_KINDS.find((k) => k.kind === kind)!.source;

/** Share of institutions with a credit record of their own (those never enter a programme). */
const TROUBLED_SHARE = 0.04;

export interface ScaleInstitution {
  index: number;
  id: string;
  creditCode: string;
  name: string;
  legalForm: LegalForm;
  regionCode: string;
  provinceCode: string;
  establishedOn: string;
  address: string;
  legalRepresentative: string;
  contactPerson: string;
  contactPhone: string;
  /** When the registry recorded it (and last changed it: a moved institution is at version 2). */
  createdOn: string;
  updatedOn: string;
  version: number;
  /** Scale of its figures (1 ≈ the resource libraries' thresholds); programme applicants are above every threshold. */
  capacity: number;
  growth: number;
  /** Founded by mid-2019, an independent legal person, clean: the programmes draw their applicants from these. */
  qualified: boolean;
  troubled: boolean;
  /** The programmes it takes part in, filled by the programmes' plans (a credit removal picks someone in one only). */
  programmes: string[];
  /** Set when a programme's plan lists it with the credit authorities: later programmes leave it out. */
  listedOn: string | null;
}

export interface ScaleCreditRecord {
  id: string;
  institutionId: string;
  kind: string;
  listedOn: string;
  removedOn: string | null;
  source: string;
  note: string | null;
  createdOn: string;
}

/** A bijection of [0, 31^6): distinct institutions get distinct organisation codes, scattered as real ones look. */
const CODE_SPACE = 31 ** 6;
function organisationBody(index: number, offset: number): string {
  let x = (index * 7_654_321 + offset) % CODE_SPACE; // 7654321 is prime to 31
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = CREDIT_CODE_ALPHABET[x % 31] + out;
    x = Math.floor(x / 31);
  }
  return `MA${out}`;
}

const fill = (pattern: string, parts: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (_, key: string) => parts[key]);

function placeNames(regionCode: string): { city: string; county: string } {
  const city = cityOf(regionCode);
  const path = regionPath(regionCode).filter((r) => r.level !== 'PROVINCE');
  return { city: city?.name ?? findRegion(regionCode)!.name, county: path.map((r) => r.name).join('') };
}

/** What every institution's draw shares: the region weights and the seed's offset into the organisation codes. */
export interface InstitutionContext {
  regions: RegionPicker;
  codeOffset: number;
}

export const institutionContext = (seed: string): InstitutionContext => ({ regions: regionPicker(), codeOffset: Number.parseInt(prng(seed, 'registry.codes').hex(6), 16) });

/** Institution `index` of the data set (its own stream: the same whatever the total). */
export function institutionAt(seed: string, index: number, context: InstitutionContext = institutionContext(seed)): ScaleInstitution {
  const { regions } = context;
  const rng = prng(seed, 'registry.institution', index);
  const id = rng.uuid();
  const provinceCode = rng.weighted(PROVINCE_SHARES);
  const regionCode = regions.pick(rng, provinceCode);
  const legal = rng.weighted(LEGAL_FORMS.map((f) => [f, f.share] as const));
  const troubled = rng.chance(TROUBLED_SHARE);
  // most service institutions are older than the programmes; a sixth were founded since 2020
  const establishedOn = rng.chance(0.84) ? dateBetween(rng, '1995-01-01', '2019-06-30') : dateBetween(rng, '2019-07-01', '2024-12-31');
  const qualified = !troubled && LEGAL_PERSON_FORMS.has(legal.form) && establishedOn <= '2019-06-30';
  // a few moved since the code was issued: the code keeps the division it was issued in (SPEC §2)
  const moved = !qualified && rng.chance(0.05);
  const issuedIn = moved ? regions.pick(rng, provinceCode) : regionCode;
  const creditCode = composeCreditCode(legal.authority, legal.type, issuedIn, organisationBody(index, context.codeOffset));
  const places = placeNames(regionCode);
  const name = fill(rng.pick(NAME_PATTERNS[legal.form]), { ...places, trade: rng.pick(TRADE_NAMES), line: rng.pick(LINES_OF_BUSINESS) });
  const createdOn = establishedOn < '2021-01-01' ? dateBetween(rng, '2021-01-04', '2021-03-31') : dateBetween(rng, addDays(establishedOn, 10), addDays(establishedOn, 60));
  const updatedOn = moved ? dateBetween(rng, addDays(createdOn, 30), ANCHOR_DATE) : createdOn;
  return {
    index, id, creditCode, name, legalForm: legal.form, regionCode, provinceCode, establishedOn,
    address: `${places.county}${rng.pick(ROADS)}${rng.int(1, 399)}号`,
    legalRepresentative: personName(rng), contactPerson: personName(rng), contactPhone: mobilePhone(rng),
    createdOn, updatedOn, version: moved ? 2 : 1,
    capacity: qualified ? 1.3 + rng.next() * 1.7 : 0.3 + rng.next() * 1.7,
    growth: qualified ? 1.04 + rng.next() * 0.1 : 0.9 + rng.next() * 0.25,
    qualified, troubled, programmes: [], listedOn: null,
  };
}

export function planInstitutions(seed: string, count: number): ScaleInstitution[] {
  const context = institutionContext(seed);
  return Array.from({ length: count }, (_, i) => institutionAt(seed, i, context));
}

/** The figures the registry holds for a year (SPEC §2 Annual facts), in the order of the registry's ANNUAL_FIGURES. */
export interface AnnualFigures {
  totalAssets: number; revenue: number; serviceRevenue: number; profit: number; tax: number; smesServed: number; pointToPointServed: number;
  satisfactionRate: number; floorAreaOwned: number; floorAreaRented: number; staff: number; fullTimeServiceStaff: number; qualifiedStaff: number;
  seniorExperts: number; relatedExperts: number; partnerAgencies: number; publicWelfareShare: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The years an institution has facts for: 2021 (or its founding year) to 2025. */
export function factYears(institution: ScaleInstitution): number[] {
  const first = Math.max(FIRST_FACTS_YEAR, Number(institution.establishedOn.slice(0, 4)));
  return Array.from({ length: Math.max(0, LAST_FACTS_YEAR - first + 1) }, (_, i) => first + i);
}

/**
 * One year's figures. An applicant's figures meet every programme's thresholds and its SMEs served grow year on
 * year (鲁 第十四条（二）); the parts never exceed their wholes (the registry's own check).
 */
export function figuresFor(seed: string, institution: ScaleInstitution, year: number): AnnualFigures {
  const base = prng(seed, 'registry.figures', institution.index); // the institution's own proportions, every year the same
  const rng = prng(seed, 'registry.figures', institution.index, year);
  const c = institution.capacity;
  const trend = institution.growth ** (year - FIRST_FACTS_YEAR);
  const smesServed = Math.round(110 * c * trend);
  const totalAssets = round1(220 * c * trend * (0.95 + rng.next() * 0.1));
  const revenue = round1(totalAssets * (0.6 + base.next() * 0.9));
  const staff = Math.round(20 * c * (1 + 0.03 * (year - FIRST_FACTS_YEAR)));
  const floorArea = Math.round(160 * c);
  const ownedShare = base.next();
  const strong = institution.qualified;
  return {
    totalAssets,
    revenue,
    serviceRevenue: round1(revenue * (0.4 + base.next() * 0.5)),
    profit: round1(revenue * (-0.05 + rng.next() * 0.2)),
    tax: round1(revenue * (0.01 + rng.next() * 0.05)),
    smesServed,
    pointToPointServed: Math.round(smesServed * (0.1 + base.next() * 0.2)),
    satisfactionRate: round1(strong ? 90 + rng.next() * 9 : 70 + rng.next() * 29),
    floorAreaOwned: Math.round(floorArea * ownedShare),
    floorAreaRented: floorArea - Math.round(floorArea * ownedShare),
    staff,
    fullTimeServiceStaff: Math.round(staff * (0.6 + base.next() * 0.3)),
    qualifiedStaff: Math.round(staff * (0.82 + base.next() * 0.15)),
    seniorExperts: Math.round(10 * c * (1 + 0.02 * (year - FIRST_FACTS_YEAR))),
    relatedExperts: Math.round(20 * c * (1 + 0.02 * (year - FIRST_FACTS_YEAR))),
    partnerAgencies: Math.round(5 * c),
    publicWelfareShare: round1(strong ? 20 + base.next() * 25 : 5 + base.next() * 40),
  };
}

/** The records of the institutions that have one of their own (listed 2019–2026; about half since cleared). */
export function planCreditRecords(seed: string, institutions: readonly ScaleInstitution[]): ScaleCreditRecord[] {
  const records: ScaleCreditRecord[] = [];
  for (const institution of institutions) {
    if (!institution.troubled) continue;
    const rng = prng(seed, 'registry.credit', institution.index);
    const kind = rng.weighted(CREDIT_KINDS.map((k) => [k.kind, k.share] as const));
    const listedOn = dateBetween(rng, institution.establishedOn > '2019-01-01' ? institution.establishedOn : '2019-01-01', addDays(ANCHOR_DATE, -10));
    const cleared = rng.chance(0.5) ? dateBetween(rng, addDays(listedOn, 90), addDays(listedOn, 700)) : null;
    records.push(creditRecord(rng, institution, kind, listedOn, cleared && cleared <= ANCHOR_DATE ? cleared : null));
  }
  return records;
}

/** A record the registry listed (what its CreditRecordAdded event carried), recorded a day or two after the listing. */
export function creditRecord(rng: Prng, institution: ScaleInstitution, kind: string, listedOn: string, removedOn: string | null): ScaleCreditRecord {
  return {
    id: rng.uuid(), institutionId: institution.id, kind, listedOn, removedOn, source: creditSourceOf(kind),
    note: kind === 'ABNORMAL_OPERATION' ? '通过登记的住所或者经营场所无法联系' : null,
    createdOn: addDays(listedOn, rng.int(0, 2)) > ANCHOR_DATE ? ANCHOR_DATE : addDays(listedOn, rng.int(0, 2)),
  };
}

const minuteOf = (institution: ScaleInstitution) => institution.index % 480;

/** registry.institutions, annual_facts, credit_records. */
export function registryTables(seed: string, institutions: readonly ScaleInstitution[], credit: readonly ScaleCreditRecord[]): TableLoad[] {
  const factRows = institutions.reduce((n, i) => n + factYears(i).length, 0);
  return [
    streamedTable('registry', 'institutions',
      ['id', 'credit_code', 'name', 'legal_form', 'region_code', 'established_on', 'address', 'legal_representative', 'contact_person', 'contact_phone', 'created_at', 'updated_at', 'version'],
      institutions.length,
      function* () {
        for (const i of institutions) {
          yield [
            i.id, i.creditCode, i.name, i.legalForm, i.regionCode, i.establishedOn, i.address, i.legalRepresentative, i.contactPerson, i.contactPhone,
            timestampOn(i.createdOn, minuteOf(i)), timestampOn(i.updatedOn, minuteOf(i) + 1), i.version,
          ];
        }
      }),
    streamedTable('registry', 'annual_facts',
      ['id', 'institution_id', 'year', 'total_assets', 'revenue', 'service_revenue', 'profit', 'tax', 'smes_served', 'point_to_point_served', 'satisfaction_rate',
        'floor_area_owned', 'floor_area_rented', 'staff', 'full_time_service_staff', 'qualified_staff', 'senior_experts', 'related_experts', 'partner_agencies',
        'public_welfare_share', 'recorded_at', 'recorded_by', 'version'],
      factRows,
      function* () {
        for (const i of institutions) {
          const ids = prng(seed, 'registry.annual_facts', i.index);
          for (const year of factYears(i)) {
            const f = figuresFor(seed, i, year);
            // recorded the spring after the year, from the audited accounts
            const recordedOn = dateBetween(ids, `${year + 1}-03-01`, `${year + 1}-05-31`);
            yield [
              ids.uuid(), i.id, year, f.totalAssets, f.revenue, f.serviceRevenue, f.profit, f.tax, f.smesServed, f.pointToPointServed, f.satisfactionRate,
              f.floorAreaOwned, f.floorAreaRented, f.staff, f.fullTimeServiceStaff, f.qualifiedStaff, f.seniorExperts, f.relatedExperts, f.partnerAgencies,
              f.publicWelfareShare, timestampOn(recordedOn, minuteOf(i)), 'registry-import', 1,
            ];
          }
        }
      }),
    builtTable('registry', 'credit_records',
      ['id', 'institution_id', 'kind', 'listed_on', 'removed_on', 'source', 'note', 'created_at', 'version'],
      credit.map((c) => [c.id, c.institutionId, c.kind, c.listedOn, c.removedOn, c.source, c.note, timestampOn(c.createdOn, 30), c.removedOn ? 2 : 1])),
  ];
}

/**
 * A programme subgraph's copy of the registry (known_institutions, known_annual_facts, known_credit_records),
 * filled as its event consumer fills it from InstitutionRegistered/Updated, AnnualFactsRecorded and
 * CreditRecordAdded/Cleared: every institution, every year's figures without the ids, every record. The
 * consumer stamps `updated_at` with its clock; here it is the registry's own change time, so reruns match.
 */
export function registryMirrorTables(seed: string, schema: string, institutions: readonly ScaleInstitution[], credit: readonly ScaleCreditRecord[]): TableLoad[] {
  const factRows = institutions.reduce((n, i) => n + factYears(i).length, 0);
  return [
    streamedTable(schema, 'known_institutions',
      ['id', 'credit_code', 'name', 'legal_form', 'region_code', 'established_on', 'legal_representative', 'registry_version', 'updated_at'], institutions.length,
      function* () {
        for (const i of institutions) yield [i.id, i.creditCode, i.name, i.legalForm, i.regionCode, i.establishedOn, i.legalRepresentative, i.version, timestampOn(i.updatedOn, minuteOf(i) + 1)];
      }),
    streamedTable(schema, 'known_annual_facts', ['institution_id', 'year', 'figures'], factRows, function* () {
      for (const i of institutions) for (const year of factYears(i)) yield [i.id, year, figuresFor(seed, i, year)];
    }),
    builtTable(schema, 'known_credit_records', ['id', 'institution_id', 'kind', 'listed_on', 'removed_on', 'source'],
      credit.map((c) => [c.id, c.institutionId, c.kind, c.listedOn, c.removedOn, c.source])),
  ];
}
