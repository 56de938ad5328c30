import type { ExampleOperation } from './explorer';
import { readPersistedOperationSources } from './persisted-operation-manifest';

/**
 * SPEC §5, the headline read: an institution → its Taiyuan applications, the county's survey, the expert panel,
 * the city designation → the recommendation to the province → the provincial review and designation, and its
 * standing in the other programmes beside it. The README's first example; the explorer opens on it.
 */
export const TRACE_QUERY = `query InstitutionTrace($id: ID, $creditCode: CreditCode) {
  institution(id: $id, creditCode: $creditCode) {
    name
    creditCode
    region { name }
    taiyuan {
      cityDesignation { status designatedOn validUntil }
      applications {
        campaignYear
        status
        submittedOn
        countyRecommendation {
          recommendedOn
          opinion
          satisfaction { sampled verySatisfied satisfied dissatisfied satisfactionRate }
        }
        expertReview { reviewedOn opinion recommendsDesignation panel { name title organisation } }
        designation { status designatedOn validUntil }
        provincialRecommendations {
          recommendedOn
          cityDesignation { validUntil }
          provincialReview {
            status
            receivedOn
            noticeStartsOn
            noticeEndsOn
            decidedOn
            designation { designatedOn validUntil }
          }
        }
      }
    }
    shanxiPlatform { status designatedOn validUntil }
    shandongPlatform { status designatedOn validUntil }
    ningxiaPlatform { status designatedOn validUntil }
    shanxiLibrary { status admittedOn }
    hebeiLibrary { status admittedOn }
  }
}`;

/** The operations the explorer opens with: the public API contract's reads (SPEC §6), ready to run. */
export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    name: '一次查询追溯：太原市级认定到省级认定（意见与满意度需令牌）/ The trace: from Taiyuan’s designation to the province’s (opinions and satisfaction need a token)',
    query: TRACE_QUERY,
    variables: { creditCode: '91140105MA0R6Q3045' },
  },
  {
    name: '机构列表：太原市，按名称分页 / Institutions in Taiyuan, a page at a time',
    query: `query InstitutionsInTaiyuan($after: String) {
  institutions(filter: { regionCode: "140100" }, first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        creditCode
        name
        legalForm
        establishedOn
        region { code name parent { name } }
        creditStatus
      }
    }
  }
}`,
  },
  {
    name: '按统一社会信用代码查机构及其信用记录 / One institution by credit code, with its credit records',
    query: `query InstitutionByCreditCode($creditCode: CreditCode!) {
  institution(creditCode: $creditCode) {
    name
    legalForm
    region { name path { name } }
    creditRecords { kind listedOn removedOn source }
  }
}`,
    variables: { creditCode: '91140214MA02D350X7' },
  },
  {
    name: '筛选：山东省、事业单位、近两年信用良好 / Filter: Shandong, public institutions, clean credit',
    query: `query CleanPublicInstitutionsInShandong {
  institutions(filter: { regionCode: "370000", legalForm: PUBLIC_INSTITUTION, creditStatus: CLEAN }, first: 20) {
    totalCount
    edges { node { name creditCode region { name } } }
  }
}`,
  },
  {
    name: '区划：视同设区市的单位 / Regions: units that recommend like a city',
    query: `query RegionsOfHebei {
  region(code: "130000") { name }
  regions(parentCode: "130000") { code name level kind actsAsCity note }
}`,
  },
  {
    name: '年度情况与审计记录（需令牌）/ Annual facts and audit trail (needs a token)',
    query: `query FactsAndAudit($creditCode: CreditCode!) {
  institution(creditCode: $creditCode) {
    name
    annualFacts { year totalAssets smesServed pointToPointServed satisfactionRate staff }
    auditTrail { at action actorRole reason }
  }
}`,
    variables: { creditCode: '91140105MA0R6Q3045' },
  },
  {
    name: '资源库：山西入库机构与统计 / Shanxi resource library: members and statistics',
    query: `query ShanxiLibrary {
  shanxiLibraryMembers(first: 20) {
    totalCount
    edges {
      node {
        status
        categories
        nature
        admittedOn
        nextReportDueOn
        institution { name creditCode region { name } }
        offerings { kind title }
      }
    }
  }
  shanxiLibraryStatistics {
    currentMembers
    membersByCategory { label count }
    membersByCity { label count }
    applicationsByStatus { key count }
  }
  shanxiLibraryPublicNotices { institution { name } noticeStartsOn noticeEndsOn }
}`,
  },
  {
    name: '机构在两个资源库中的情况（需令牌看申报数据）/ An institution in both resource libraries (token for figures)',
    query: `query InstitutionInLibraries($creditCode: CreditCode!) {
  institution(creditCode: $creditCode) {
    name
    shanxiLibrary { status admittedOn missedReportStreak removedOn removalReason reentryBannedUntil }
    hebeiLibrary { status admittedOn }
    shanxiLibraryApplications {
      status
      submittedOn
      noticeEndsOn
      eligibility { outcome criteria { article description required actual outcome } }
      statusHistory { on action toStatus reason }
    }
  }
}`,
    variables: { creditCode: '91140109MA0NM94081' },
  },
  {
    name: '示范平台：山东、宁夏示范平台数据库与统计（公开）/ Demonstration platforms of Shandong and Ningxia (public)',
    query: `query DemonstrationPlatforms {
  ningxiaPlatforms(first: 20) {
    totalCount
    edges {
      node {
        title
        status
        designatedOn
        validUntil
        functions
        nationalRecommendationYear
        institution { name creditCode region { name } }
        assessments { year rating }
      }
    }
  }
  shandongPlatforms(first: 20) {
    edges { node { status designatedOn validUntil revokedOn revocationReason applicationBannedUntil institution { name } } }
  }
  ningxiaPlatformStatistics { designated designationsByStatus { key count } designatedByFunction { label count } designatedByCity { label count } expiringWithin90Days }
  shandongPlatformStatistics { designated designationsByStatus { key count } expiringWithin90Days }
  ningxiaPlatformPublicNotices { institution { name } noticeStartsOn noticeEndsOn }
  shandongPlatformRuleSets { document inForceFrom inForceUntil article }
}`,
  },
];

/**
 * The dashboards' persisted operations as explorer tabs, read from `gateway/persisted-operations/` (the one copy):
 * each tab shows the document exactly as persisted, with the file's title and example variables.
 */
export function dashboardExamples(): ExampleOperation[] {
  return readPersistedOperationSources().map((source) => ({ name: source.title, query: source.document, ...(source.variables ? { variables: source.variables } : {}) }));
}
