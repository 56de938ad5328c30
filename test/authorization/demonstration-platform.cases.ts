import type { MikroORM } from '@mikro-orm/postgresql';
import { ReviewAction, Role, addDays, chinaToday, cityOf, composeCreditCode, systemActor } from '@sme/kernel';
import { graphqlClient, schemaChecksums, tokenFor } from '@sme/testing';
import { PlatformDecision, PlatformReviewStep, PerformanceRating, RevocationGround, inForceOn, inForcePeriod, type PlatformProgrammeConfig } from '@sme/demonstration-platform';
import { createApplication, reviewApplication, submitApplication } from '../../packages/demonstration-platform/src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../../packages/demonstration-platform/src/applications/provincial-checks.service';
import type { PlatformApplication } from '../../packages/demonstration-platform/src/applications/application.entity';
import { decideAfterNotice } from '../../packages/demonstration-platform/src/designations/designation.service';
import { recordInspection } from '../../packages/demonstration-platform/src/inspections/inspections.service';
import { passingDeclaration } from '../../packages/demonstration-platform/test/support/platform-fixture';
import { runCase, tokenOf, type CaseSet, type Cell, type CellOutcome, type MatrixEndpoints, type MutationCase, type Target } from '../support/authorization-matrix';
import { waitUntilKnown } from '../support/library-setup';
import { openPlatformSchema } from '../support/platform-setup';

/**
 * The demonstration-platform engine's mutations in one province (SPEC §4), for the authorization matrix. Who acts
 * where (SPEC §2 Roles, the documents' articles): the platform's applicant drafts, submits and files its annual
 * summary (鲁 第十七条、第二十六条, 宁 第九条、第十六条); the platform's city recommends, inspects and reports (鲁 第十八条、
 * 第二十五条, 宁 第十条、第十八条); the province reviews, visits, designates, revokes, decides the city's revocation
 * requests and assesses (鲁 第二十条至第二十五条, 宁 第十二条至第十九条); the campaign's expert panel records its review;
 * ADMIN does everything; ANALYST writes nothing. No programme has a county step.
 *
 * Records are prepared through the engine's services on the subgraph's schema. A programme whose rule set is no
 * longer in force (Shandong: 鲁 第二十九条, 2020-10-07 to 2023-10-06) has its applications submitted on a past day
 * inside its dates; the acts that follow are judged by the rule set fixed at submission (SPEC §1), so they run today.
 */

/** A case of this area, with its `label` always set (the review's CITY and PROVINCE steps are two cases of one mutation). */
export interface PlatformMutationCase extends MutationCase {
  label: string;
}

export interface PlatformCaseSet extends CaseSet {
  cases: PlatformMutationCase[];
}

/** The county-level district the records are registered in: the capital's, so the city and the province are plain. */
const HOME_DISTRICT: Readonly<Record<string, string>> = { '370000': '370102', '640000': '640106' };

const APPLICANT: readonly Cell[] = ['APPLICANT:in', 'ADMIN'];
const CITY: readonly Cell[] = ['CITY_REVIEWER:in', 'ADMIN'];
const PROVINCE: readonly Cell[] = ['PROVINCE_REVIEWER:in', 'ADMIN'];

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
/** Institutions registered at a time: one batch, one wait for the subgraph to learn them. */
const BATCH = 12;

/** The cases of one programme (Shandong or Ningxia): one per mutation, two for the review (one per step). A `CaseSetFactory`. */
export function demonstrationPlatformCases(config: PlatformProgrammeConfig): (endpoints: MatrixEndpoints) => Promise<PlatformCaseSet> {
  return async (endpoints: MatrixEndpoints): Promise<PlatformCaseSet> => {
    const home = HOME_DISTRICT[config.provinceCode];
    if (!home) throw new Error(`no home district for ${config.provinceCode}`);
    const orm: MikroORM = await openPlatformSchema(endpoints.databaseUrl, config);
    const gateway = graphqlClient(endpoints.gatewayUrl);
    const admin = await tokenFor(Role.ADMIN, { id: `matrix-setup-${config.name}` });
    const actor = systemActor(`matrix-setup-${config.name}`);
    const em = () => orm.em.fork();
    const f = (suffix: string) => `${config.name}${suffix}`;
    const today = chinaToday();

    /**
     * A day on which the programme takes applications: `preferred` where a rule set is in force that day, else two
     * weeks before the last day one was (Shandong: 2023-09-22).
     */
    const dayInForce = (preferred: string): string => {
      if (config.ruleSets.some((r) => inForceOn(r, preferred))) return preferred;
      const ends = config.ruleSets.map((r) => inForcePeriod(r).until).filter((d): d is string => d !== null && d < preferred).sort();
      if (!ends.length) throw new Error(`${config.name}: no rule set was in force before ${preferred}`);
      return addDays(ends.at(-1)!, -14);
    };
    const inForceToday = dayInForce(today) === today;
    const applicationDay = dayInForce(today);

    // Registered lazily, a batch at a time, each batch learned by the subgraph before it is used. Each case's first
    // record takes from the pool, so the registry events of the cases before it are all handled by then and no
    // event lands in the schema while the denied cells run.
    const pool: string[] = [];
    let serial = 0;
    async function institution(): Promise<string> {
      if (!pool.length) {
        const ids: string[] = [];
        for (let i = 0; i < BATCH; i++) {
          serial += 1;
          const r = await gateway(REGISTER, {
            input: {
              creditCode: composeCreditCode('9', '1', home, `MA0Q${String(serial).padStart(4, '0')}`),
              name: `${config.name}权限矩阵测试平台${String(serial).padStart(4, '0')}有限公司`, legalForm: 'ENTERPRISE', regionCode: home, establishedOn: '2014-05-01',
            },
          }, admin);
          if (r.errors?.length) throw new Error(`registerInstitution: ${JSON.stringify(r.errors)}`);
          ids.push(r.data.registerInstitution.id);
        }
        await waitUntilKnown(endpoints.databaseUrl, config.name, ids);
        pool.push(...ids);
      }
      return pool.shift()!;
    }

    const target = (institutionId: string, variables: Record<string, unknown>, panel?: string): Target => ({ regionCode: home, institutionId, panel, variables });
    const panelOf = (application: PlatformApplication) => `${config.name}-${application.campaignYear}`;
    const assessment = () => ({ findings: config.workflow.assessmentItems.map((item) => ({ item, finding: '情况良好' })), opinion: '同意推荐' });
    const expertReview = (applicationId: string, reviewedOn?: string) => ({ applicationId, panel: [{ name: '专家甲', title: '研究员', organisation: '中小企业研究院' }], opinion: '建议认定', recommended: true, reviewedOn });
    const visit = (applicationId: string, visitedOn?: string) => ({ applicationId, visitedOn, visitors: '省厅中小企业处', findings: '场地、人员与申报一致', confirmed: true });

    const draft = async (institutionId: string, on: string) => createApplication(em(), config, actor, passingDeclaration(institutionId, on), on);
    const submitted = async (institutionId: string, on: string) => submitApplication(em(), config, actor, (await draft(institutionId, on)).id, on);
    const recommended = async (institutionId: string, on: string) => reviewApplication(em(), config, actor, {
      applicationId: (await submitted(institutionId, on)).id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment: assessment(),
    }, on);
    /** Recommended, with the checks the province records before it approves (宁 第十二条; harmless where none are required). */
    const checked = async (institutionId: string, on: string) => {
      const application = await recommended(institutionId, on);
      await recordExpertReview(em(), config, actor, expertReview(application.id, on), on);
      return recordOnSiteVisit(em(), config, actor, visit(application.id, on), on);
    };
    const inNotice = async (institutionId: string, on: string) => reviewApplication(em(), config, actor, {
      applicationId: (await checked(institutionId, on)).id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE,
    }, on);
    /**
     * A designation: the workflow on `on`, decided the day after the notice or on `decidedOn` if later. The
     * decision's day starts the 3-year validity (鲁 第二十三条, 宁 第十七条) while the rule set stays the one fixed at
     * submission, so a designation decided 30 days ago is in force today in either programme, whatever the year.
     */
    const designated = async (institutionId: string, on: string, decidedOn?: string) => {
      const noticed = await inNotice(institutionId, on);
      const dayAfter = addDays(noticed.noticeEndsOn!, 1);
      const day = decidedOn && decidedOn > dayAfter ? decidedOn : dayAfter;
      const decided = await decideAfterNotice(em(), config, actor, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, day);
      return decided.designationId!;
    };
    const designatedToday = (institutionId: string) => designated(institutionId, dayInForce(addDays(today, -60)), addDays(today, -30));
    /** An application the applicant may still edit and send: a draft, or, with no rule set in force today, one returned by the city (its rule set was fixed when first submitted). */
    const editable = async (institutionId: string) => {
      if (inForceToday) return draft(institutionId, today);
      const application = await submitted(institutionId, applicationDay);
      return reviewApplication(em(), config, actor, { applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.RETURN, reason: '请补充服务业绩证明材料' }, applicationDay);
    };

    const APPLICATION = 'id status';
    const cases: PlatformMutationCase[] = [];
    const add = (c: Omit<PlatformMutationCase, 'subgraph' | 'label'> & { label?: string }) => cases.push({ ...c, subgraph: config.name, label: c.label ?? c.mutation });

    // Shared by every Create record when nothing can be created: the refusal writes nothing, so one institution serves.
    let refusedApplicant: string | null = null;
    add({
      mutation: f('CreatePlatformApplication'),
      document: `mutation($input: CreatePlatformApplicationInput!) { ${f('CreatePlatformApplication')}(input: $input) { ${APPLICATION} } }`,
      allowed: APPLICANT,
      // 鲁 第二十九条: no Shandong rule set is in force today, so nobody can start an application; the allowed cells
      // must get past the permission check and be refused for the rule set alone.
      allowedReach: inForceToday ? undefined : { code: 'BAD_USER_INPUT', extensions: { reason: 'NO_RULE_SET_IN_FORCE', jurisdiction: config.provinceCode } },
      prepare: async () => {
        const institutionId = inForceToday ? await institution() : (refusedApplicant ??= await institution());
        const { contactPerson, contactPhone, declared, functions, priorRecognitions } = passingDeclaration(institutionId, applicationDay);
        return target(institutionId, { input: { institutionId, declared, functions, priorRecognitions, contactPerson, contactPhone } });
      },
    });
    add({
      mutation: f('UpdatePlatformApplication'),
      document: `mutation($id: ID!, $input: UpdatePlatformApplicationInput!) { ${f('UpdatePlatformApplication')}(id: $id, input: $input) { ${APPLICATION} } }`,
      allowed: APPLICANT,
      prepare: async () => {
        const institutionId = await institution();
        return target(institutionId, { id: (await editable(institutionId)).id, input: { contactPerson: '李联系' } });
      },
    });
    add({
      mutation: f('SubmitPlatformApplication'),
      document: `mutation($id: ID!) { ${f('SubmitPlatformApplication')}(id: $id) { ${APPLICATION} } }`,
      allowed: APPLICANT,
      prepare: async () => {
        const institutionId = await institution();
        return target(institutionId, { id: (await editable(institutionId)).id });
      },
    });
    const REVIEW = `mutation($input: PlatformReviewInput!) { ${f('ReviewPlatformApplication')}(input: $input) { ${APPLICATION} } }`;
    add({
      mutation: f('ReviewPlatformApplication'), label: `${f('ReviewPlatformApplication')} at the CITY step`, document: REVIEW,
      // 鲁 第十七条、第十八条, 宁 第九条、第十条: the platform's own city assesses and recommends; the province does not.
      allowed: CITY,
      prepare: async () => {
        const institutionId = await institution();
        const application = await submitted(institutionId, applicationDay);
        return target(institutionId, { input: { applicationId: application.id, step: 'CITY', action: 'APPROVE', assessment: assessment() } });
      },
    });
    add({
      mutation: f('ReviewPlatformApplication'), label: `${f('ReviewPlatformApplication')} at the PROVINCE step`, document: REVIEW,
      // 鲁 第二十条, 宁 第十二条: the province reviews; the experts advise it but do not approve.
      allowed: PROVINCE,
      prepare: async () => {
        const institutionId = await institution();
        const application = await checked(institutionId, applicationDay);
        return target(institutionId, { input: { applicationId: application.id, step: 'PROVINCE', action: 'APPROVE' } }, panelOf(application));
      },
    });
    add({
      mutation: f('RecordPlatformExpertReview'),
      document: `mutation($input: PlatformExpertReviewInput!) { ${f('RecordPlatformExpertReview')}(input: $input) { ${APPLICATION} } }`,
      // The campaign's panel records its review; the province, which organises it (鲁 第二十条, 宁 第十二条), may record it for the panel.
      allowed: ['EXPERT:in', 'PROVINCE_REVIEWER:in', 'ADMIN'],
      prepare: async () => {
        const institutionId = await institution();
        const application = await recommended(institutionId, applicationDay);
        return target(institutionId, { input: expertReview(application.id) }, panelOf(application));
      },
    });
    add({
      mutation: f('RecordPlatformOnSiteVisit'),
      document: `mutation($input: PlatformOnSiteVisitInput!) { ${f('RecordPlatformOnSiteVisit')}(input: $input) { ${APPLICATION} } }`,
      // 宁 第十二条 实地考察: the province's own visit, not the panel's.
      allowed: PROVINCE,
      prepare: async () => {
        const institutionId = await institution();
        const application = await recommended(institutionId, applicationDay);
        return target(institutionId, { input: visit(application.id) }, panelOf(application));
      },
    });
    add({
      mutation: f('DecidePlatformApplication'),
      document: `mutation($input: PlatformDecisionInput!) { ${f('DecidePlatformApplication')}(input: $input) { ${APPLICATION} } }`,
      allowed: PROVINCE,
      prepare: async () => {
        const institutionId = await institution();
        // the notice ended long ago: DESIGNATE succeeds today
        const application = await inNotice(institutionId, dayInForce(addDays(today, -60)));
        return target(institutionId, { input: { applicationId: application.id, decision: 'DESIGNATE' } });
      },
    });
    add({
      mutation: f('RevokePlatform'),
      document: `mutation($input: RevokePlatformInput!) { ${f('RevokePlatform')}(input: $input) { id revokedOn } }`,
      allowed: PROVINCE,
      prepare: async () => {
        const institutionId = await institution();
        return target(institutionId, { input: { designationId: await designatedToday(institutionId), ground: RevocationGround.VIOLATION, reason: '违规收取服务费用' } });
      },
    });
    add({
      mutation: f('RecordPlatformInspection'),
      document: `mutation($input: PlatformInspectionInput!) { ${f('RecordPlatformInspection')}(input: $input) { id requestStatus } }`,
      // 鲁 第二十五条, 宁 第十八条: the platform's city inspects; the province's own checks (鲁 第二十四条) end in RevokePlatform.
      allowed: CITY,
      prepare: async () => {
        const institutionId = await institution();
        return target(institutionId, { input: { designationId: await designatedToday(institutionId), findings: '服务质量、收费和满意度均符合要求', passed: true } });
      },
    });
    const mayRequest = config.management.inspection.mayRequestRevocation;
    add({
      mutation: f('DecidePlatformRevocationRequest'),
      document: `mutation($input: PlatformRevocationRequestDecisionInput!) { ${f('DecidePlatformRevocationRequest')}(input: $input) { id requestStatus } }`,
      // 鲁 第二十五条 经查实后撤销: the province decides the city's request.
      allowed: PROVINCE,
      // 宁 第十八条 gives the cities no revocation request, so there is never one to decide: the allowed cells must get
      // past the permission check and be refused because the inspection carries no request.
      allowedReach: mayRequest ? undefined : { code: 'INVALID_TRANSITION', extensions: { currentState: 'NO_REQUEST' } },
      prepare: async () => {
        const institutionId = await institution();
        const designationId = await designatedToday(institutionId);
        const inspection = await recordInspection(em(), config, actor, { designationId, inspectedOn: today, findings: '服务收费不规范，满意度下降', passed: false, requestRevocation: mayRequest }, today);
        return target(institutionId, { input: { inspectionId: inspection.id, decision: 'UPHOLD', reason: '经查属实' } });
      },
    });
    add({
      mutation: f('FilePlatformAnnualSummary'),
      document: `mutation($input: PlatformAnnualSummaryInput!) { ${f('FilePlatformAnnualSummary')}(input: $input) { id late } }`,
      // 鲁 第二十六条, 宁 第十六条: the platform files its own summary (to the city, which does not file it for the platform).
      allowed: APPLICANT,
      prepare: async () => {
        const institutionId = await institution();
        const year = Number(today.slice(0, 4));
        const plan = config.management.annualSummary.asksForNextYearPlan ? { nextYearPlan: `${year + 1} 年度工作打算` } : {};
        return target(institutionId, { input: { designationId: await designatedToday(institutionId), year, summary: `${year} 年度工作总结`, ...plan } });
      },
    });
    if (config.management.cityReport) {
      const city = cityOf(home)!.code;
      let reporter: string | null = null;
      let year = Number(today.slice(0, 4));
      add({
        mutation: f('FileCityPlatformReport'),
        document: `mutation($input: PlatformCityReportInput!) { ${f('FileCityPlatformReport')}(input: $input) { id late } }`,
        // 宁 第十八条: 各市工信局 report on the year before to the region.
        allowed: CITY,
        prepare: async () => {
          year -= 1; // once per city and year: each record is a year not yet reported
          reporter ??= await institution();
          return { regionCode: city, institutionId: reporter, variables: { input: { cityCode: city, year, summaryReport: `${year} 年度示范平台工作总结汇总报告`, inspectionReport: `${year} 年度检查情况报告` } } };
        },
      });
    }
    if (config.management.performanceAssessment) {
      add({
        mutation: f('AssessPlatformPerformance'),
        document: `mutation($input: PlatformPerformanceAssessmentInput!) { ${f('AssessPlatformPerformance')}(input: $input) { id rating } }`,
        // 宁 第十九条: the region's department assesses the year before.
        allowed: PROVINCE,
        prepare: async () => {
          const institutionId = await institution();
          const year = Number(today.slice(0, 4)) - 1;
          const designationId = await designated(institutionId, dayInForce(`${year}-03-02`));
          return target(institutionId, { input: { designationId, year, rating: PerformanceRating.PASS, comments: '完成年度服务目标' } });
        },
      });
    }

    return { cases, close: () => orm.close(true) };
  };
}
