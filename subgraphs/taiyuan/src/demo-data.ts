import type { EntityManager } from '@mikro-orm/postgresql';
import { KnownCreditRecord, KnownInstitution, isWithin, systemActor } from '@sme/kernel';
import { TaiyuanApplication } from './applications/application.entity';
import { createApplication, designateApplication, recommendApplication, recordExpertReview, submitApplication } from './applications/application.service';
import { openCampaign } from './campaigns/campaigns.service';
import { SurveyMethod, SurveyRating } from './county-recommendations/survey';
import { recommendToProvince } from './provincial-recommendations/provincial-recommendations.service';
import { sampleReport } from './demo-report';
import { TAIYUAN } from './permissions';

const survey = (seed: number) =>
  Array.from({ length: 10 }, (_, i) => ({
    enterprise: `太原市受访企业${seed}-${i + 1}有限公司`, interviewee: `受访人${i + 1}`, title: i % 2 ? '总经理' : '财务负责人', phone: `1380351${String(seed * 20 + i).padStart(4, '0')}`,
    serviceReceived: i % 3 ? '融资对接' : '管理咨询', rating: i === 9 ? SurveyRating.SATISFIED : SurveyRating.VERY_SATISFIED,
  }));

const PANEL = [
  { name: '张教授', title: '教授', organisation: '太原理工大学' },
  { name: '刘高工', title: '正高级工程师', organisation: '太原市中小企业发展促进中心' },
  { name: '陈会计师', title: '注册会计师', organisation: '山西某会计师事务所' },
];

/**
 * The Taiyuan flow for the explorer, through the services on fixed dates: a platform designated in 2023 (and
 * recommended to the province then; its designation has since expired), one designated in 2026 and recommended to
 * the province, and one waiting for the expert panel. Idempotent.
 */
export async function loadDemoData(em: EntityManager): Promise<number> {
  if ((await em.count(TaiyuanApplication, {})) > 0) return 0;
  const actor = systemActor('taiyuan-demo');
  const listed = new Set((await em.find(KnownCreditRecord, {})).map((r) => r.institutionId));
  const candidates = (await em.find(KnownInstitution, {}, { orderBy: { name: 'asc' } }))
    .filter((i) => isWithin(i.regionCode, TAIYUAN) && i.regionCode !== TAIYUAN && !listed.has(i.id));
  if (candidates.length < 3) return 0;
  await openCampaign(em.fork(), actor, { year: 2026, document: '太原市 2026 年度市级中小企业公共服务示范平台认定及省级推荐工作通知（演示）', opensOn: '2026-03-02', deadline: '2026-03-31' });

  const flow = async (i: number, year: number, dates: string[], until: 'DESIGNATED' | 'COUNTY_RECOMMENDED') => {
    const institution = candidates[i];
    const application = await createApplication(em.fork(), actor, { institutionId: institution.id, campaignYear: year, report: sampleReport(year, i, { institution: institution.name }) }, dates[0]);
    await submitApplication(em.fork(), actor, application.id, dates[0]);
    await recommendApplication(em.fork(), actor, {
      applicationId: application.id, methods: [SurveyMethod.VISIT, SurveyMethod.PHONE], survey: survey(i),
      impactStatement: '带动区域中小企业融资与管理水平提升，服务覆盖全区重点产业。', opinion: '经测评和实地考察，同意推荐。',
    }, dates[1]);
    if (until === 'COUNTY_RECOMMENDED') return;
    await recordExpertReview(em.fork(), actor, { applicationId: application.id, panel: PANEL, opinion: '服务功能完善，业绩突出，建议认定。', recommendsDesignation: true, reviewedOn: dates[2] }, dates[2]);
    await designateApplication(em.fork(), actor, { applicationId: application.id }, dates[3]);
    await recommendToProvince(em.fork(), actor, { institutionId: institution.id, campaignYear: year, cityOpinion: '同意推荐申报省级示范平台。' }, dates[4]);
  };
  await flow(0, 2023, ['2023-03-17', '2023-03-21', '2023-04-10', '2023-04-20', '2023-04-25'], 'DESIGNATED');
  await flow(1, 2026, ['2026-03-16', '2026-03-27', '2026-04-15', '2026-04-24', '2026-05-06'], 'DESIGNATED');
  await flow(2, 2026, ['2026-03-18', '2026-03-30'], 'COUNTY_RECOMMENDED');
  return 3;
}
