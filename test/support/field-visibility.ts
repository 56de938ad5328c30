/**
 * Who may read each field of the supergraph (SPEC §2 Roles and jurisdiction): "public data (admitted members,
 * designations, public notices) is readable anonymously; figures, contacts and survey respondents are not."
 *
 * `public`: an anonymous caller may read the field wherever the record itself is public (an application in
 * public notice, a member, a designation). `restricted`: only those the record concerns read it (kernel
 * `canReadNonPublic`: analysts and admins everywhere, reviewers inside their region, an applicant for its own
 * institution, an expert for its own panel where the programme says so); everyone else gets null or a
 * FORBIDDEN/UNAUTHENTICATED refusal. A type reached only through a restricted field has only restricted
 * fields: its values never reach a caller who may not read its parent.
 *
 * Every field of every object type of the supergraph is listed here (mutations excepted: who may write is the
 * authorization matrix's), and test/anonymous-reads.test.ts fails on a field that is not, so a team adding a
 * field decides who reads it.
 */
export type Visibility = 'public' | 'restricted';

interface TypeVisibility {
  public?: readonly string[];
  restricted?: readonly string[];
}

/** The connection and edge of a list, visible as its root field is. */
const connection = (visibility: Visibility): Record<'Connection' | 'Edge', TypeVisibility> => ({
  Connection: { [visibility]: ['edges', 'pageInfo', 'totalCount'] },
  Edge: { [visibility]: ['cursor', 'node'] },
});
const connections = (names: readonly string[], visibility: Visibility): Record<string, TypeVisibility> =>
  Object.fromEntries(names.flatMap((name) => Object.entries(connection(visibility)).map(([suffix, fields]) => [`${name}${suffix}`, fields])));

const VISIBILITY_BY_TYPE: Record<string, TypeVisibility> = {
  Query: {
    // the registers, public notices, statistics, rule sets and campaigns; the one-record readers refuse a record
    // that is not public yet (a draft, a review before its notice) to those it does not concern
    public: [
      'institution', 'institutions', 'region', 'regions',
      'shanxiLibraryApplication', 'shanxiLibraryPublicNotices', 'shanxiLibraryMember', 'shanxiLibraryMembers', 'shanxiLibraryStatistics', 'shanxiLibraryOfferings',
      'hebeiLibraryApplication', 'hebeiLibraryPublicNotices', 'hebeiLibraryMember', 'hebeiLibraryMembers', 'hebeiLibraryStatistics', 'hebeiLibraryOfferings',
      'shandongPlatformApplication', 'shandongPlatformPublicNotices', 'shandongPlatform', 'shandongPlatforms', 'shandongPlatformStatistics', 'shandongPlatformRuleSets', 'shandongPlatformRuleSetInForce',
      'ningxiaPlatformApplication', 'ningxiaPlatformPublicNotices', 'ningxiaPlatform', 'ningxiaPlatforms', 'ningxiaPlatformStatistics', 'ningxiaPlatformRuleSets', 'ningxiaPlatformRuleSetInForce',
      'shanxiProvincialPlatformReview', 'shanxiProvincialPlatformNotices', 'shanxiProvincialPlatform', 'shanxiProvincialPlatforms',
      'taiyuanCampaigns', 'taiyuanCampaign', 'taiyuanApplication', 'taiyuanProvincialRecommendations',
    ],
    // the workflows' lists within the caller's scope, the duties (sign-in), the summary tables (they carry
    // figures and opinions: 第八条（二）, 附件3) and appointments (contacts)
    restricted: [
      'shanxiLibraryApplications', 'shanxiLibraryRecommendationSummary', 'hebeiLibraryApplications', 'hebeiLibraryRecommendationSummary', 'hebeiServiceAppointments',
      'shandongPlatformApplications', 'shandongPlatformSummaryDuties', 'ningxiaPlatformApplications', 'ningxiaPlatformSummaryDuties', 'ningxiaCityPlatformReportDuties',
      'shanxiProvincialPlatformReviews', 'taiyuanApplications', 'taiyuanSummaryTable',
    ],
  },

  // registry
  Institution: {
    // SPEC §6's public contract, and what the business registration publishes (name, form, registered address,
    // legal representative). Credit records are public: they mirror the lists the credit authorities publish
    // (信用中国, 国家企业信用信息公示系统; each record names its source), a member removed on one has it in its
    // public removal reason, and creditStatus, which is derived from them, is public too.
    public: [
      'id', 'creditCode', 'name', 'legalForm', 'establishedOn', 'address', 'legalRepresentative', 'version', 'region', 'creditRecords', 'creditStatus',
      'shanxiLibrary', 'hebeiLibrary', 'shanxiPlatform', 'shandongPlatform', 'ningxiaPlatform', 'taiyuan',
      // each lists only the applications the caller may see
      'shanxiLibraryApplications', 'hebeiLibraryApplications', 'shandongPlatformApplications', 'ningxiaPlatformApplications',
    ],
    // figures, contacts, audit (SPEC §2)
    restricted: ['annualFacts', 'contactPerson', 'contactPhone', 'auditTrail'],
  },
  ...connections(['Institution'], 'public'),
  PageInfo: { public: ['hasNextPage', 'endCursor'] },
  Region: { public: ['code', 'name', 'level', 'kind', 'parentCode', 'provinceCode', 'actsAsCity', 'mountainous', 'localCode', 'note', 'parent', 'path'] },
  CreditRecord: { public: ['id', 'institutionId', 'kind', 'listedOn', 'removedOn', 'source', 'note'] },
  // figures (SPEC §2)
  AnnualFacts: {
    restricted: [
      'id', 'year', 'totalAssets', 'revenue', 'serviceRevenue', 'profit', 'tax', 'smesServed', 'pointToPointServed', 'satisfactionRate', 'floorAreaOwned',
      'floorAreaRented', 'staff', 'fullTimeServiceStaff', 'qualifiedStaff', 'seniorExperts', 'relatedExperts', 'partnerAgencies', 'publicWelfareShare',
    ],
  },
  // audit entries name who acted (SPEC §2 Audit trail)
  AuditEntry: { restricted: ['id', 'recordType', 'recordId', 'action', 'actorId', 'actorRole', 'actorName', 'at', 'before', 'after', 'reason', 'requestId'] },
  // the history of each change, with its actor and reason: every record's statusHistory is restricted
  StatusChange: { restricted: ['id', 'fromStatus', 'toStatus', 'action', 'actorId', 'actorRole', 'on', 'at', 'reason'] },
  // the eligibility report shows declared and registry figures side by side (SPEC §2)
  EligibilityReport: { restricted: ['outcome', 'asOf', 'ruleSet', 'criteria'] },
  EligibilityCriterion: { restricted: ['code', 'article', 'description', 'required', 'actual', 'source', 'registryValue', 'outcome', 'note'] },

  // resource libraries (shanxi, hebei): the public notice and the members are public (第八条（四）)
  LibraryApplication: {
    public: [
      'id', 'regionCode', 'unitCode', 'status', 'categories', 'nature', 'submittedOn', 'returnedStep', 'countyReviewedOn', 'cityRecommendedOn',
      'provinceDecidedOn', 'noticeStartsOn', 'noticeEndsOn', 'closedOn', 'createdAt', 'version', 'institution',
    ],
    // the reviewers' opinions and reasons (the guideline publishes only the list in notice), the declared figures,
    // attestations, materials, spot checks, objections, history and audit
    restricted: [
      'returnReason', 'rejectionReason', 'cityOpinion', 'declared', 'attestations', 'eligibility', 'materials', 'spotChecks', 'objections', 'statusHistory', 'auditTrail',
    ],
  },
  ...connections(['LibraryApplication'], 'restricted'),
  LibraryDeclaredFigures: {
    restricted: ['year', 'seniorExperts', 'relatedExperts', 'partnerAgencies', 'floorAreaOwned', 'floorAreaRented', 'totalAssets', 'smesServed', 'pointToPointServed'],
  },
  LibraryAttestations: { restricted: ['politicalCommitment', 'serviceCapability', 'legalRepresentativePledge'] },
  LibraryMaterialChecklistItem: { restricted: ['item', 'article', 'title', 'required', 'complete', 'attachments'] },
  LibraryMaterial: { restricted: ['id', 'item', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'attachedAt'] },
  LibrarySpotCheck: { restricted: ['id', 'checkedOn', 'inspectors', 'findings', 'passed'] },
  LibraryObjection: { restricted: ['id', 'receivedOn', 'summary', 'status', 'decidedOn', 'decisionReason'] },
  // 第八条（二）: the recommending unit's table goes to the province; it carries the city's opinions
  LibraryRecommendationSummary: { restricted: ['title', 'unitCode', 'unitName', 'year', 'rows', 'downloadPath'] },
  LibraryRecommendationRow: {
    restricted: ['serial', 'applicationId', 'institutionName', 'creditCode', 'regionName', 'categories', 'nature', 'recommendedOn', 'opinion', 'status'],
  },
  LibraryMembership: {
    // SPEC §6's public contract of a membership
    public: [
      'id', 'status', 'categories', 'nature', 'regionCode', 'unitCode', 'admittedOn', 'firstReportDueOn', 'missedReportStreak', 'removedOn', 'removalGround',
      'removalReason', 'reentryBannedUntil', 'version', 'institution', 'nextReportDueOn', 'offerings',
    ],
    // the member's own reports, notices, changes, evaluations, appointment figures, application, history, audit
    restricted: ['application', 'statusHistory', 'auditTrail', 'quarterlyReports', 'notices', 'majorChanges', 'evaluations', 'appointmentSummary'],
  },
  ...connections(['LibraryMembership', 'LibraryOffering'], 'public'),
  LibraryQuarterlyReport: { restricted: ['id', 'dueOn', 'filedOn', 'onTime', 'enterprisesServed', 'publicWelfareActivities', 'summary'] },
  LibraryNotice: { restricted: ['id', 'issuedOn', 'triggeredByDueOn', 'missedPeriods', 'text'] },
  LibraryMajorChange: {
    restricted: ['id', 'kind', 'changedOn', 'dueBy', 'reportedOn', 'late', 'description', 'verification', 'verifiedOn', 'verificationNote'],
  },
  LibraryEvaluation: { restricted: ['id', 'year', 'rating', 'comments', 'missedReports', 'overdueAppointments', 'evaluatedOn'] },
  LibraryAppointmentSummary: {
    restricted: ['year', 'asOf', 'workingDays', 'article', 'total', 'handledOnTime', 'handledLate', 'open', 'openOverdue', 'overdue'],
  },
  // 第十三条（一）: members publish their products and cases
  LibraryOffering: { public: ['id', 'kind', 'category', 'title', 'summary', 'publishedOn', 'withdrawnOn', 'member'] },
  // counts for dashboards
  LibraryStatistics: {
    public: ['library', 'currentMembers', 'membersByStatus', 'membersByCategory', 'membersByNature', 'membersByCity', 'membersByYear', 'applicationsByStatus'],
  },
  LibraryCount: { public: ['key', 'label', 'count'] },
  // the daily duties' run, answered to the admin who runs it (a mutation's result)
  LibraryScheduleRun: { restricted: ['asOf', 'admitted', 'noticed', 'removed'] },
  // 河北 第十三条（二）: who booked, with contacts, read by the member and those over it
  ServiceAppointment: {
    restricted: [
      'id', 'enterpriseName', 'service', 'requestedOn', 'dueBy', 'handledOn', 'outcome', 'version', 'overdue', 'member', 'contactPerson', 'contactPhone',
      'enterpriseCreditCode', 'statusHistory', 'auditTrail',
    ],
  },
  ...connections(['ServiceAppointment'], 'restricted'),

  // demonstration platforms (shandong, ningxia): the platform database is public (宁 第十五条, 鲁 第二十一条)
  PlatformApplication: {
    public: [
      'id', 'regionCode', 'cityCode', 'campaignYear', 'ruleSetId', 'status', 'submittedOn', 'returnedStep', 'noticeStartsOn', 'noticeEndsOn', 'closedOn', 'version', 'institution',
    ],
    // reasons, declared figures and functions, contacts, the city's, experts' and visitors' findings, history, audit
    restricted: [
      'returnReason', 'rejectionReason', 'declared', 'functions', 'priorRecognitions', 'contactPerson', 'contactPhone', 'cityAssessment', 'expertReview',
      'onSiteVisit', 'eligibility', 'statusHistory', 'auditTrail',
    ],
  },
  ...connections(['PlatformApplication'], 'restricted'),
  PlatformDeclaredFigures: {
    restricted: ['figuresYear', 'totalAssets', 'servedByYear', 'satisfactionPercent', 'aggregatedAgencies', 'publicWelfareSharePercent', 'serviceStaff', 'qualifiedServiceStaff'],
  },
  PlatformServedInYear: { restricted: ['year', 'smesServed'] },
  PlatformFunctionDeclaration: { restricted: ['function', 'figures', 'attested'] },
  PlatformFunctionFigure: { restricted: ['measure', 'value'] },
  PlatformPriorRecognition: { restricted: ['kind', 'issuer', 'documentNumber', 'recognisedOn'] },
  PlatformCityAssessment: { restricted: ['findings', 'opinion', 'recommendedOn'] },
  PlatformAssessmentFinding: { restricted: ['item', 'finding'] },
  PlatformExpertReview: { restricted: ['panel', 'opinion', 'score', 'recommended', 'reviewedOn'] },
  PlatformPanelMember: { restricted: ['name', 'title', 'organisation'] },
  PlatformOnSiteVisit: { restricted: ['visitedOn', 'visitors', 'findings', 'confirmed'] },
  DemonstrationPlatform: {
    // the designation and its revocation are published (鲁 第二十一条、第二十五条; 宁 第十三条、第十九条)
    public: [
      'id', 'ruleSetId', 'campaignYear', 'regionCode', 'cityCode', 'functions', 'designatedOn', 'validUntil', 'revokedOn', 'revocationGround', 'revocationReason',
      'applicationBannedUntil', 'nationalRecommendationYear', 'version', 'status', 'title', 'institution', 'assessments',
    ],
    // the city's inspections, the platform's own work summaries, history, audit
    restricted: ['inspections', 'summaries', 'statusHistory', 'auditTrail'],
  },
  ...connections(['DemonstrationPlatform'], 'public'),
  // 宁 第十九条: the assessment results are published
  PlatformPerformanceAssessment: { public: ['id', 'year', 'rating', 'comments', 'assessedOn'] },
  PlatformInspection: {
    restricted: ['id', 'designationId', 'cityCode', 'inspectedOn', 'findings', 'passed', 'requestStatus', 'requestDecidedOn', 'requestDecisionReason', 'version'],
  },
  PlatformAnnualSummary: { restricted: ['id', 'year', 'dueOn', 'filedOn', 'late', 'summary', 'nextYearPlan'] },
  // who owes a report, for signed-in callers (the duty lists); a report's content only for those over its record
  PlatformSummaryDuty: { restricted: ['dueOn', 'status', 'summary', 'platform'] },
  PlatformCityReportDuty: { restricted: ['cityCode', 'cityName', 'dueOn', 'status', 'report'] },
  PlatformCityReport: { restricted: ['id', 'cityCode', 'year', 'dueOn', 'filedOn', 'late', 'summaryReport', 'inspectionReport'] },
  DemonstrationPlatformStatistics: {
    public: [
      'programme', 'asOf', 'designated', 'designationsByStatus', 'designatedByFunction', 'designatedByCity', 'designationsByYear', 'applicationsByStatus',
      'applicationsByYear', 'expiringWithin90Days', 'pendingRevocationRequests', 'overdueSummaries',
    ],
  },
  PlatformCount: { public: ['key', 'label', 'count'] },
  PlatformRuleSet: { public: ['id', 'document', 'documentNumber', 'inForceFrom', 'inForceUntil', 'article', 'configurationNote'] },
  // an institution's designation in any programme (SPEC §6)
  PlatformDesignation: { public: ['id', 'title', 'status', 'designatedOn', 'validUntil', 'revokedOn', 'revocationReason'] },

  // shanxi provincial platforms: designations are public, a review from its public notice on
  ShanxiProvincialReview: {
    public: [
      'id', 'campaignYear', 'recommendedOn', 'regionCode', 'cityCode', 'cityDesignationId', 'cityDesignatedOn', 'cityDesignationValidUntil', 'status', 'receivedOn',
      'expertReviewedOn', 'noticeStartsOn', 'noticeEndsOn', 'decidedOn', 'rejectionGround', 'version', 'recommendation', 'institution', 'designation', 'allowedActions',
    ],
    // the county's and city's opinions, the experts', the reason for a rejection, history, audit
    restricted: ['countyOpinion', 'cityOpinion', 'rejectionReason', 'expertReview', 'statusHistory', 'auditTrail'],
  },
  ...connections(['ShanxiProvincialReview'], 'restricted'),
  ShanxiProvincialExpertReview: { restricted: ['id', 'reviewedOn', 'panel', 'opinion', 'recommended', 'recordedBy'] },
  ShanxiProvincialExpert: { restricted: ['name', 'title', 'organisation'] },
  ShanxiProvincialPlatform: {
    public: ['id', 'campaignYear', 'designatedOn', 'validUntil', 'revokedOn', 'revocationReason', 'title', 'status', 'institution', 'recommendation', 'review'],
  },
  ...connections(['ShanxiProvincialPlatform'], 'public'),

  // taiyuan: a designated application is public (the designation is published), its report is not
  TaiyuanCampaign: { public: ['year', 'document', 'opensOn', 'deadline', 'cityReapplyDesignatedThrough', 'provincialReapplyDesignatedBefore'] },
  TaiyuanApplication: {
    public: [
      'id', 'campaignYear', 'regionCode', 'status', 'submittedOn', 'returnedStep', 'closedOn', 'version', 'institution', 'countyRecommendation', 'designation',
      'provincialRecommendations',
    ],
    // reasons, the report (附件2: figures, contacts, staff), the eligibility report, the expert panel's review
    // (并工信字〔2023〕26号 publishes only the designations), history, audit
    restricted: ['returnReason', 'rejectionReason', 'report', 'eligibility', 'expertReview', 'statusHistory', 'auditTrail'],
  },
  ...connections(['TaiyuanApplication'], 'restricted'),
  TaiyuanApplicationReport: {
    restricted: [
      'registeredOn', 'unitNature', 'legalRepresentative', 'registeredAddress', 'postcode', 'contactPerson', 'contactPhone', 'fax', 'mobile', 'website', 'icpFiling',
      'email', 'registeredCapital', 'investors', 'totalAssets', 'equipmentCount', 'equipmentValue', 'equipmentShareOfAssets', 'serviceFloorArea', 'floorAreaOwned',
      'floorAreaRented', 'staffCount', 'qualifiedStaffCount', 'qualifiedStaffShare', 'operatingYears', 'qualifications', 'mainServices', 'partnersWithAgreement',
      'otherPartners', 'governmentSupport', 'equipmentList', 'staffList', 'servedEnterprises', 'servedEnterprisesLastYear', 'satisfactionRate', 'narratives', 'auditReport',
    ],
  },
  TaiyuanInvestor: { restricted: ['name', 'nature', 'sharePercent'] },
  TaiyuanOperatingYear: { restricted: ['year', 'revenue', 'serviceRevenue', 'totalAssets', 'profit', 'tax', 'smesServed'] },
  TaiyuanServiceLine: { restricted: ['content', 'scale', 'scaleUnit', 'revenueSharePercent'] },
  TaiyuanEquipmentItem: { restricted: ['name', 'quantity', 'purchasedOn', 'price', 'industryLeading'] },
  TaiyuanStaffMember: { restricted: ['name', 'age', 'education', 'school', 'title', 'responsibility'] },
  TaiyuanServedEnterprise: { restricted: ['name', 'contactPerson', 'phone', 'serviceSummary', 'satisfied'] },
  TaiyuanNarratives: { restricted: ['basicSituation', 'regionalContext', 'operations', 'recentServices', 'features', 'achievements', 'plans'] },
  TaiyuanAuditReport: { restricted: ['kind', 'year', 'barcode', 'fileName', 'sha256'] },
  TaiyuanCountyRecommendation: {
    // that the county surveyed and recommended, how and when; the form's download checks its caller itself
    public: ['id', 'methods', 'recommendedOn', 'downloadPath'],
    // 附件1's content: the county's opinion and impact statement, the respondents (SPEC §2) and their satisfaction (a figure)
    restricted: ['impactStatement', 'opinion', 'survey', 'satisfaction'],
  },
  TaiyuanSurveyEntry: { restricted: ['enterprise', 'interviewee', 'title', 'phone', 'serviceReceived', 'rating'] },
  TaiyuanSatisfactionSummary: { restricted: ['sampled', 'verySatisfied', 'satisfied', 'dissatisfied', 'satisfactionRate'] },
  TaiyuanExpertReview: { restricted: ['id', 'panel', 'opinion', 'recommendsDesignation', 'reviewedOn'] },
  TaiyuanExpert: { restricted: ['name', 'title', 'organisation'] },
  TaiyuanProvincialRecommendation: {
    // 二.2: the recommendation of a designated platform to the province
    public: ['id', 'provincialReview', 'campaignYear', 'regionCode', 'recommendedOn', 'institution', 'cityDesignation'],
    // the same opinions shanxi keeps restricted on its review
    restricted: ['countyOpinion', 'cityOpinion'],
  },
  TaiyuanRecord: { public: ['applications', 'cityDesignation', 'cityDesignations', 'provincialRecommendations'] },
  // 附件3 carries each platform's capital, assets, staff, revenue and SMEs served
  TaiyuanSummaryTable: { restricted: ['title', 'year', 'rows', 'downloadPath'] },
  TaiyuanSummaryRow: {
    restricted: ['serial', 'kind', 'institutionName', 'creditCode', 'recommendingUnit', 'registeredCapital', 'totalAssets', 'staff', 'revenue', 'serviceRevenue', 'smesServed', 'status'],
  },
};

/** `Type.field` → who reads it. */
export const FIELD_VISIBILITY: Readonly<Record<string, Visibility>> = Object.freeze(
  Object.fromEntries(
    Object.entries(VISIBILITY_BY_TYPE).flatMap(([type, fields]) => [
      ...(fields.public ?? []).map((field) => [`${type}.${field}`, 'public'] as const),
      ...(fields.restricted ?? []).map((field) => [`${type}.${field}`, 'restricted'] as const),
    ]),
  ),
);

/**
 * Restricted fields that every signed-in caller reads, whatever its scope: the scoped lists answer within the
 * caller's own scope (an empty page outside it), and the duty lists say who owes a report, not what it says.
 */
export const SIGNED_IN_FIELDS: ReadonlySet<string> = new Set([
  'Query.shanxiLibraryApplications', 'Query.hebeiLibraryApplications', 'Query.hebeiServiceAppointments', 'Query.shandongPlatformApplications',
  'Query.ningxiaPlatformApplications', 'Query.taiyuanApplications', 'Query.shandongPlatformSummaryDuties', 'Query.ningxiaPlatformSummaryDuties',
  'Query.ningxiaCityPlatformReportDuties',
  ...['LibraryApplication', 'ServiceAppointment', 'PlatformApplication', 'TaiyuanApplication'].flatMap((name) => [
    `${name}Connection.edges`, `${name}Connection.pageInfo`, `${name}Connection.totalCount`,
  ]),
  'PlatformSummaryDuty.dueOn', 'PlatformSummaryDuty.status', 'PlatformSummaryDuty.platform',
  'PlatformCityReportDuty.cityCode', 'PlatformCityReportDuty.cityName', 'PlatformCityReportDuty.dueOn', 'PlatformCityReportDuty.status',
]);

/** Fields listed twice, or both public and restricted: a mistake in the lists above. */
export function duplicateClassifications(): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const [type, fields] of Object.entries(VISIBILITY_BY_TYPE)) {
    for (const field of [...(fields.public ?? []), ...(fields.restricted ?? [])]) {
      const coordinate = `${type}.${field}`;
      if (seen.has(coordinate)) duplicates.push(coordinate);
      seen.add(coordinate);
    }
  }
  return duplicates;
}
