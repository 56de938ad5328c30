import type { EntityManager } from '@mikro-orm/postgresql';
import { KnownInstitution, ReviewAction, addDays, cityOf, isWithin, systemActor } from '@sme/kernel';
import type { PlatformProgrammeConfig } from './programme-config';
import { FunctionAttestation, FunctionMeasure, PlatformFunction } from './platform-function';
import { PriorRecognitionKind } from './rule-set';
import { PlatformApplication } from './applications/application.entity';
import { PlatformDecision, PlatformReviewStep } from './applications/application-status';
import { createApplication, reviewApplication, submitApplication } from './applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from './applications/provincial-checks.service';
import { decideAfterNotice } from './designations/designation.service';
import { revokeDesignation } from './designations/revocation';
import { RevocationGround } from './designations/revocation-ground';
import { fileAnnualSummary, fileCityReport } from './summaries/summaries.service';
import { assessPerformance } from './assessments/assessments.service';
import type { PerformanceRating } from './assessments/performance-assessment.entity';

/**
 * One demo platform's story, dated: how far its application goes and what happens after. Each province's
 * subgraph writes its stories with dates its rule sets cover (Shandong's document applies 2020-10-07 to
 * 2023-10-06, so its stories end their applications by then).
 */
export interface DemoStory {
  submitted: string;
  /** The city recommends (with its assessment), else the story stops at SUBMITTED. */
  recommended?: string;
  /** The province's expert review and on-site visit, then its approval that opens the notice. */
  approved?: string;
  /** Designated the day after the notice ends. */
  designate?: boolean;
  /** The province rejects at its review instead. */
  rejectedByProvince?: string;
  revoked?: { on: string; reason: string };
  summaries?: { year: number; filedOn: string }[];
  assessment?: { year: number; rating: PerformanceRating; on: string };
}

export interface DemoPlan {
  stories: DemoStory[];
  cityReports?: { year: number; filedOn: string }[];
  /** The prior recognition each applicant holds (鲁 第十四条（四）). */
  recognitionIssuer: string;
}

/** Figures that meet both provinces' tables (SPEC §4) for the two years before `on`. */
function declaration(on: string, index: number) {
  const year = Number(on.slice(0, 4)) - 1;
  return {
    declared: {
      figuresYear: year, totalAssets: 480 + 40 * index, servedByYear: [{ year: year - 1, smesServed: 150 + index }, { year, smesServed: 180 + 5 * index }],
      satisfactionPercent: 94, aggregatedAgencies: 8 + index, publicWelfareSharePercent: 30, serviceStaff: 22 + index, qualifiedServiceStaff: 19 + index,
    },
    functions: [
      { function: PlatformFunction.INFORMATION, attested: [FunctionAttestation.ONLINE_SYSTEM], figures: [{ measure: FunctionMeasure.OFFLINE_ENTERPRISES, value: 160 + index }, { measure: FunctionMeasure.ACTIVITIES, value: 8 }] },
      { function: PlatformFunction.TRAINING, attested: [FunctionAttestation.TRAINING_QUALIFICATION], figures: [{ measure: FunctionMeasure.PERSON_TIMES, value: 1500 + 100 * index }] },
    ],
  };
}

/**
 * The province's demo platforms, told through the same services as the API (by the demo's admin actor, on the
 * stories' dates), so their history, audit entries and statuses are real. Idempotent.
 */
export async function loadPlatformDemoData(em: EntityManager, config: PlatformProgrammeConfig, plan: DemoPlan): Promise<number> {
  if ((await em.count(PlatformApplication, {})) > 0) return 0;
  const actor = systemActor(`${config.name}-demo`);
  const institutions = (await em.find(KnownInstitution, {}, { orderBy: { name: 'asc' } })).filter((i) => isWithin(i.regionCode, config.provinceCode));
  let made = 0;
  for (const [index, story] of plan.stories.entries()) {
    const institution = institutions[index % institutions.length];
    if (!institution) break;
    const application = await createApplication(em.fork(), config, actor, {
      institutionId: institution.id, ...declaration(story.submitted, index),
      priorRecognitions: [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: plan.recognitionIssuer, documentNumber: `示范〔${Number(story.submitted.slice(0, 4)) - 2}〕${index + 1}号`, recognisedOn: `${Number(story.submitted.slice(0, 4)) - 2}-12-01` }],
      contactPerson: `联系人${index + 1}`, contactPhone: `0531-8800${String(index).padStart(4, '0')}`,
    }, story.submitted);
    made++;
    await submitApplication(em.fork(), config, actor, application.id, story.submitted);
    if (!story.recommended) continue;
    await reviewApplication(em.fork(), config, actor, {
      applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE,
      assessment: { findings: config.workflow.assessmentItems.map((item) => ({ item, finding: '运行规范，情况良好' })), opinion: '测评合格，同意推荐' },
    }, story.recommended);
    const reviewDay = story.approved ?? story.rejectedByProvince;
    if (!reviewDay) continue;
    await recordExpertReview(em.fork(), config, actor, {
      applicationId: application.id, panel: [{ name: '王研究员', title: '研究员', organisation: '省中小企业研究院' }, { name: '李教授', title: '教授', organisation: '省内高校' }],
      opinion: story.approved ? '服务功能完善，建议认定' : '服务业绩不足，不建议认定', recommended: Boolean(story.approved), score: story.approved ? 88 : 55, reviewedOn: reviewDay,
    }, reviewDay);
    await recordOnSiteVisit(em.fork(), config, actor, { applicationId: application.id, visitedOn: reviewDay, visitors: '省工信厅中小企业处', findings: '场地、人员与申报一致', confirmed: true }, reviewDay);
    if (story.rejectedByProvince) {
      await reviewApplication(em.fork(), config, actor, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.REJECT, reason: '专家评审未通过' }, reviewDay);
      continue;
    }
    const noticed = await reviewApplication(em.fork(), config, actor, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, reviewDay);
    if (!story.designate) continue;
    const designatedOn = addDays(noticed.noticeEndsOn!, 1);
    const designated = await decideAfterNotice(em.fork(), config, actor, { applicationId: application.id, decision: PlatformDecision.DESIGNATE }, designatedOn);
    const designationId = designated.designationId!;
    for (const s of story.summaries ?? []) {
      await fileAnnualSummary(em.fork(), config, actor, { designationId, year: s.year, summary: `${s.year} 年服务中小企业情况、公益服务开展情况总结`, nextYearPlan: `${s.year + 1} 年工作打算` }, s.filedOn);
    }
    if (story.assessment) {
      const a = story.assessment;
      await assessPerformance(em.fork(), config, actor, { designationId, year: a.year, rating: a.rating, comments: '服务绩效考核意见' }, a.on);
    }
    if (story.revoked) {
      await revokeDesignation(em.fork(), config, actor, { designationId, ground: RevocationGround.VIOLATION, reason: story.revoked.reason }, story.revoked.on);
    }
  }
  for (const report of config.management.cityReport ? plan.cityReports ?? [] : []) {
    for (const cityCode of [...new Set(institutions.map((i) => cityOf(i.regionCode)?.code ?? i.regionCode))]) {
      await fileCityReport(em.fork(), config, actor, { cityCode, year: report.year, summaryReport: `${report.year} 年示范平台工作总结汇总报告`, inspectionReport: `${report.year} 年示范平台检查情况报告` }, report.filedOn);
    }
  }
  return made;
}
